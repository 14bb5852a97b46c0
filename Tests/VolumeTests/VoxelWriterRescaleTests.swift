import DICOM
import Foundation
import XCTest
@testable import Volume

/// 16-bit frames written into a Float32 volume go through the vectorized rescale (`CVoxelConvert`): every voxel
/// must be bit for bit `Float(Double(stored) × slope + intercept)`, the value a scalar loop gives, for signed and
/// unsigned samples, extreme and fine-grained slopes (a computation in Float fails here), and odd lengths. NaN in
/// floating-point pixel data is written as 0 (`VoxelWriter.float32Voxel`).
final class VoxelWriterRescaleTests: XCTestCase {
    private func file<T: FixedWidthInteger & BitwiseCopyable>(_ samples: [T], rows: Int, columns: Int,
                                                               bitsStored: Int = 16) throws -> DICOMFile {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.128")
        ds.set(.sopInstanceUID, .UI, "2.25.77")
        ds.set(.samplesPerPixel, .US, 1)
        ds.set(.photometricInterpretation, .CS, "MONOCHROME2")
        ds.set(.rows, .US, rows)
        ds.set(.columns, .US, columns)
        ds.set(.bitsAllocated, .US, 16)
        ds.set(.bitsStored, .US, bitsStored)
        ds.set(.highBit, .US, bitsStored - 1)
        ds.set(.pixelRepresentation, .US, T.isSigned ? 1 : 0)
        ds.setPixels(samples)
        return try DICOMFile.parse(try DICOMWriter().encode(ds), name: "pet.dcm")
    }

    private func written(_ file: DICOMFile, voxels: Int, rescale: Rescale) throws -> [Float] {
        var out = [Float](repeating: .nan, count: voxels)
        try out.withUnsafeMutableBytes { buffer in
            try VoxelWriter.write(frame: 0, of: file, into: buffer, as: .float32, rescale: rescale, imageLabel: "pet.dcm")
        }
        return out
    }

    private let rescales = [
        Rescale(slope: 0.000123456789012345, intercept: -1024.000000001),
        Rescale(slope: 1, intercept: -1024),
        Rescale(slope: 3.0517578125e-05, intercept: 0),
        Rescale(slope: 1e-300, intercept: 1e-310),
        Rescale(slope: 123456.789, intercept: 0.1),
    ]

    private func assertBitwise(_ actual: [Float], _ stored: [Double], _ rescale: Rescale, line: UInt = #line) {
        XCTAssertEqual(actual.count, stored.count, line: line)
        for (n, (value, x)) in zip(actual, stored).enumerated() {
            let expected = Float(x * rescale.slope + rescale.intercept)
            guard value.bitPattern == expected.bitPattern else {
                return XCTFail("voxel \(n) of \(x) with \(rescale): \(value), expected \(expected)", line: line)
            }
        }
    }

    func testSignedSamplesMatchTheScalarFormula() throws {
        var generator = SystemRandomNumberGenerator()
        // 7 × 37 voxels: not a multiple of any vector width, so the loop's tail runs too.
        var samples: [Int16] = [.min, .max, 0, -1, 1]
        while samples.count < 7 * 37 { samples.append(Int16.random(in: .min ... .max, using: &generator)) }
        let file = try file(samples, rows: 7, columns: 37)
        for rescale in rescales {
            assertBitwise(try written(file, voxels: samples.count, rescale: rescale), samples.map(Double.init), rescale)
        }
    }

    func testUnsignedSamplesMatchTheScalarFormula() throws {
        var generator = SystemRandomNumberGenerator()
        var samples: [UInt16] = [.min, .max, 1, 32768]
        while samples.count < 128 * 129 { samples.append(UInt16.random(in: .min ... .max, using: &generator)) }
        let file = try file(samples, rows: 128, columns: 129)
        for rescale in rescales {
            assertBitwise(try written(file, voxels: samples.count, rescale: rescale), samples.map(Double.init), rescale)
        }
    }

    func testNaNInFloatPixelDataIsWrittenAsZero() throws {
        var ds = try file([UInt16(0)], rows: 1, columns: 1).dataSet
        ds.remove(.pixelData)
        ds.set(.bitsAllocated, .US, 32)
        ds.set(.bitsStored, .US, 32)
        ds.set(.highBit, .US, 31)
        let values: [Float] = [1.5, .nan, -2, -.nan]
        ds.insert(DataElement(tag: .floatPixelData, vr: .OF, value: .bytes(values.withUnsafeBytes { Data($0) })))
        ds.set(.columns, .US, 4)
        let floats = try DICOMFile.parse(try DICOMWriter().encode(ds), name: "map.dcm")
        let out = try written(floats, voxels: 4, rescale: Rescale(slope: 2, intercept: 1))
        XCTAssertEqual(out, [4, 0, -3, 0])
    }

    func testTwelveBitSignedSamplesAreSignExtendedFirst() throws {
        // 12 bits stored in 16: 0x0FFF is -1, 0x0800 is -2048, and the unused high bits are ignored.
        let stored: [UInt16] = [0x0FFF, 0x0800, 0x07FF, 0xF001]
        var ds = try file(stored, rows: 1, columns: 4, bitsStored: 12).dataSet
        ds.set(.pixelRepresentation, .US, 1)
        let signed = try DICOMFile.parse(try DICOMWriter().encode(ds), name: "pet.dcm")
        let rescale = Rescale(slope: 0.5, intercept: 10)
        assertBitwise(try written(signed, voxels: 4, rescale: rescale), [-1, -2048, 2047, 1], rescale)
    }
}
