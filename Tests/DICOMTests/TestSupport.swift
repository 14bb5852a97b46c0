import DICOM
import Foundation
import XCTest

/// Asserts that `body` throws a DICOMError for which `matches` is true.
func assertDICOMError<T>(_ body: @autoclosure () throws -> T, _ label: String = "", file: StaticString = #filePath,
                         line: UInt = #line, _ matches: (DICOMError) -> Bool) {
    do {
        _ = try body()
        XCTFail("expected a DICOMError \(label) but nothing was thrown", file: file, line: line)
    } catch let error as DICOMError {
        XCTAssertTrue(matches(error), "unexpected error \(label): \(error)", file: file, line: line)
    } catch {
        XCTFail("expected a DICOMError \(label), got \(error)", file: file, line: line)
    }
}

/// Test fixtures built in code.
enum Fixtures {
    /// A minimal image data set with the given pixel attributes and pixel bytes.
    static func image(rows: Int, columns: Int, bitsAllocated: Int, bitsStored: Int? = nil, signed: Bool = false,
                      samplesPerPixel: Int = 1, planar: Int = 0, frames: Int? = nil,
                      photometric: String = "MONOCHROME2") -> DataSet {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.7")
        ds.set(.sopInstanceUID, .UI, "2.25.117011543279238912350447105962231873245.99.1")
        ds.set(.modality, .CS, "OT")
        ds.set(.samplesPerPixel, .US, samplesPerPixel)
        ds.set(.photometricInterpretation, .CS, photometric)
        if samplesPerPixel > 1 { ds.set(.planarConfiguration, .US, planar) }
        if let frames { ds.set(.numberOfFrames, .IS, frames) }
        ds.set(.rows, .US, rows)
        ds.set(.columns, .US, columns)
        ds.set(.bitsAllocated, .US, bitsAllocated)
        ds.set(.bitsStored, .US, bitsStored ?? bitsAllocated)
        ds.set(.highBit, .US, (bitsStored ?? bitsAllocated) - 1)
        ds.set(.pixelRepresentation, .US, signed ? 1 : 0)
        return ds
    }

    /// Little-endian bytes of values.
    static func bytes<T: FixedWidthInteger>(_ values: [T]) -> Data {
        var data = Data()
        for value in values { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }
}

extension PixelStorage {
    /// The samples as native-order bytes, for comparing decoded frames byte for byte.
    var rawBytes: [UInt8] {
        switch self {
        case .uint8(let v): return v
        case .int8(let v): return v.withUnsafeBytes { Array($0) }
        case .uint16(let v): return v.withUnsafeBytes { Array($0) }
        case .int16(let v): return v.withUnsafeBytes { Array($0) }
        case .uint32(let v): return v.withUnsafeBytes { Array($0) }
        case .int32(let v): return v.withUnsafeBytes { Array($0) }
        case .float32(let v): return v.withUnsafeBytes { Array($0) }
        case .float64(let v): return v.withUnsafeBytes { Array($0) }
        }
    }
}

/// The repository's root folder, found from this file's path with symbolic links resolved, so it is the same when
/// the tests are built through the sanitizer package's link to this folder (Tests/ASan/DICOMTests).
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}

/// Where scripts/fetch-testdata.sh put the pinned pydicom files: $LIGHTBOX_TESTDATA, else <package root>/.testdata.
enum TestData {
    static var root: URL {
        if let override = ProcessInfo.processInfo.environment["LIGHTBOX_TESTDATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return Repository.root.appendingPathComponent(".testdata")
    }
}

/// Damages a valid frame two ways and decodes each copy with `decode`: cut at `cuts` lengths before its end (each
/// must fail with a DICOMError), and with `flips` single bits flipped (each must decode or fail with a DICOMError;
/// at least one must fail).
func assertDamagedFramesFail(_ frame: Data, cuts: Int, flips: Int, seed: UInt64, file: StaticString = #filePath,
                             line: UInt = #line, _ decode: (Data) throws -> Void) {
    for length in stride(from: 0, to: frame.count - 2, by: max(1, frame.count / cuts)) {
        XCTAssertThrowsError(try decode(frame.prefix(length)), "cut at \(length)", file: file, line: line) {
            XCTAssertTrue($0 is DICOMError, "cut at \(length): \($0)", file: file, line: line)
        }
    }
    var state = seed
    var refused = 0
    for _ in 0..<flips {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var damaged = frame
        let bit = Int(state >> 20) % (frame.count * 8)
        damaged[bit / 8] ^= UInt8(1 << (bit % 8))
        do { try decode(damaged) } catch is DICOMError { refused += 1 } catch {
            XCTFail("bit \(bit) flipped: \(error)", file: file, line: line)
        }
    }
    XCTAssertGreaterThan(refused, 0, "no flipped frame was refused", file: file, line: line)
}
