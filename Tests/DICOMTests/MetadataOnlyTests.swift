import DICOM
import Foundation
import XCTest

final class MetadataOnlyTests: XCTestCase {
    private func writeLargeImage() throws -> (URL, [UInt16]) {
        var ds = Fixtures.image(rows: 1024, columns: 1024, bitsAllocated: 16, frames: 2)
        ds.set(.patientName, .PN, "Phantom^Meta")
        let pixels = (0..<(2 * 1024 * 1024)).map { UInt16(truncatingIfNeeded: $0 &* 31) }
        ds.setPixels(pixels)
        ds.set(Tag(0xFFFC, 0xFFFC), .OB, bytes: Data([1, 2]))  // trailing padding after pixel data
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-meta-\(UUID().uuidString).dcm")
        try DICOMWriter().write(ds, to: url)
        return (url, pixels)
    }

    func testMetadataOnlyRecordsPixelLocationAndHoldsNoPixelBytes() throws {
        let (url, pixels) = try writeLargeImage()
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
        XCTAssertEqual(file.dataSet.string(.patientName), "Phantom^Meta")
        XCTAssertNil(file.dataSet.bytes(.pixelData), "metadata-only must not copy pixel bytes")
        XCTAssertNil(file.dataSet[Tag(0xFFFC, 0xFFFC)], "parsing stops at pixel data")
        let location = try XCTUnwrap(file.pixelDataLocation)
        XCTAssertEqual(location.length, pixels.count * 2)
        guard case .notLoaded(let offset, let length)? = file.dataSet[.pixelData]?.value else {
            return XCTFail("pixel data should be a not-loaded reference")
        }
        XCTAssertEqual(offset, location.offset)
        XCTAssertEqual(length, location.length)
        // The recorded offset is right: the file holds the pixel bytes exactly there.
        let raw = try Data(contentsOf: url)
        XCTAssertEqual(raw[location.offset..<(location.offset + 8)], Fixtures.bytes(Array(pixels[0..<4])))
        XCTAssertEqual(raw.count - location.offset - location.length, 14, "only the trailing padding element follows")
        // Pixels are fetched lazily from the file, straight into a caller buffer.
        var frame = [UInt16](repeating: 0, count: 1024 * 1024)
        try frame.withUnsafeMutableBytes { try file.decodeFrame(1, into: $0) }
        XCTAssertEqual(frame[0], pixels[1024 * 1024])
        XCTAssertEqual(frame.last, pixels.last)
    }

    func testFullReadMatchesMetadataOnlyAndIsDifferentInPixelHolding() throws {
        let (url, _) = try writeLargeImage()
        defer { try? FileManager.default.removeItem(at: url) }
        let full = try DICOMFile.read(contentsOf: url)
        let meta = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
        XCTAssertEqual(full.dataSet.bytes(.pixelData)?.count, 4 * 1024 * 1024)
        XCTAssertEqual(full.pixelDataLocation?.offset, meta.pixelDataLocation?.offset)
        XCTAssertEqual(try full.pixelDescription(), try meta.pixelDescription())
        guard case .uint16(let a) = try full.decodeFrame(0).storage,
              case .uint16(let b) = try meta.decodeFrame(0).storage else { return XCTFail("type") }
        XCTAssertEqual(a, b)
    }

    func testEncapsulatedFramesFromFragmentsAndOffsetTable() throws {
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8, frames: 2)
        ds.setEncapsulatedPixels([Data([1, 2]), Data([3, 4]), Data([5, 6])], basicOffsetTable: [0, 20])
        let data = try DICOMWriter(transferSyntax: .rleLossless).encode(ds)
        for mode in [ReadMode.full, .metadataOnly] {
            let file = try DICOMFile.parse(data, mode: mode)
            XCTAssertEqual(file.encapsulatedPixelData?.fragments.count, 3)
            XCTAssertEqual(try file.encapsulatedFrame(0), Data([1, 2, 3, 4]))
            XCTAssertEqual(try file.encapsulatedFrame(1), Data([5, 6]))
        }
        ds.setEncapsulatedPixels([Data([1, 2]), Data([3, 4])])
        let onePerFrame = try DICOMFile.parse(try DICOMWriter(transferSyntax: .rleLossless).encode(ds))
        XCTAssertEqual(try onePerFrame.encapsulatedFrame(1), Data([3, 4]))
        ds.setEncapsulatedPixels([Data([1, 2]), Data([3, 4]), Data([5, 6])])
        let ambiguous = try DICOMFile.parse(try DICOMWriter(transferSyntax: .rleLossless).encode(ds))
        assertDICOMError(try ambiguous.encapsulatedFrame(0)) {
            if case .frameBoundariesUnknown(_, 2, 3) = $0 { return true }
            return false
        }
    }
}
