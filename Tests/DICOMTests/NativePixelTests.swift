import DICOM
import Foundation
import XCTest

final class NativePixelTests: XCTestCase {
    private func roundTrip(_ ds: DataSet, _ syntax: TransferSyntax = .explicitVRLittleEndian,
                           mode: ReadMode = .full) throws -> DICOMFile {
        try DICOMFile.parse(try DICOMWriter(transferSyntax: syntax).encode(ds), mode: mode, name: "pixels")
    }

    func testEightBitUnsignedAndSigned() throws {
        var ds = Fixtures.image(rows: 2, columns: 2, bitsAllocated: 8)
        ds.setPixels([UInt8(0), 1, 128, 255])
        guard case .uint8(let u) = try roundTrip(ds).decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(u, [0, 1, 128, 255])
        ds = Fixtures.image(rows: 2, columns: 2, bitsAllocated: 8, signed: true)
        ds.setPixels([Int8(-128), -1, 0, 127])
        guard case .int8(let s) = try roundTrip(ds).decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(s, [-128, -1, 0, 127])
    }

    func testSixteenAndThirtyTwoBitInEverySyntax() throws {
        for syntax in [TransferSyntax.explicitVRLittleEndian, .implicitVRLittleEndian, .explicitVRBigEndian,
                       .deflatedExplicitVRLittleEndian] {
            var ds = Fixtures.image(rows: 1, columns: 3, bitsAllocated: 16, signed: true)
            ds.setPixels([Int16(-32768), -2, 32767])
            guard case .int16(let s16) = try roundTrip(ds, syntax).decodePixels().storage else { return XCTFail("\(syntax)") }
            XCTAssertEqual(s16, [-32768, -2, 32767], "\(syntax)")
            ds = Fixtures.image(rows: 1, columns: 3, bitsAllocated: 16)
            ds.setPixels([UInt16(0), 0x1234, 0xFFFF])
            guard case .uint16(let u16) = try roundTrip(ds, syntax).decodePixels().storage else { return XCTFail("\(syntax)") }
            XCTAssertEqual(u16, [0, 0x1234, 0xFFFF], "\(syntax)")
            ds = Fixtures.image(rows: 1, columns: 2, bitsAllocated: 32, signed: true)
            ds.setPixels([Int32(-70000), 70000])
            guard case .int32(let s32) = try roundTrip(ds, syntax).decodePixels().storage else { return XCTFail("\(syntax)") }
            XCTAssertEqual(s32, [-70000, 70000], "\(syntax)")
            ds = Fixtures.image(rows: 1, columns: 2, bitsAllocated: 32)
            ds.setPixels([UInt32(1), 0xDEADBEEF])
            guard case .uint32(let u32) = try roundTrip(ds, syntax).decodePixels().storage else { return XCTFail("\(syntax)") }
            XCTAssertEqual(u32, [1, 0xDEADBEEF], "\(syntax)")
        }
    }

    func testTwelveBitsStoredSignExtendsAndMasks() throws {
        var ds = Fixtures.image(rows: 1, columns: 4, bitsAllocated: 16, bitsStored: 12, signed: true)
        // 0x0800 is -2048 in 12 bits; 0xF7FF has garbage high bits over +2047; 0x0FFF is -1.
        ds.setPixels([UInt16(0x0800), 0xF7FF, 0x0FFF, 0x0005])
        guard case .int16(let values) = try roundTrip(ds).decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(values, [-2048, 2047, -1, 5])
        var unsigned = Fixtures.image(rows: 1, columns: 2, bitsAllocated: 16, bitsStored: 12)
        unsigned.setPixels([UInt16(0xF123), 0x0FFF])
        guard case .uint16(let u) = try roundTrip(unsigned).decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(u, [0x0123, 0x0FFF])
    }

    func testPlanarConfigurationOneBecomesInterleaved() throws {
        var ds = Fixtures.image(rows: 1, columns: 3, bitsAllocated: 8, samplesPerPixel: 3, planar: 1, photometric: "RGB")
        ds.setPixels([UInt8(1), 2, 3, 10, 20, 30, 100, 200, 250])  // RRR GGG BBB
        guard case .uint8(let v) = try roundTrip(ds).decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(v, [1, 10, 100, 2, 20, 200, 3, 30, 250])
    }

    func testMultiFrameDecodesEachFrameAndIntoBuffer() throws {
        var ds = Fixtures.image(rows: 2, columns: 2, bitsAllocated: 16, frames: 3)
        ds.setPixels((0..<12).map { UInt16($0 * 100) })
        let file = try roundTrip(ds)
        let all = try file.decodePixels()
        XCTAssertEqual(all.frames, 3)
        XCTAssertEqual(all.storage.count, 12)
        guard case .uint16(let second) = try file.decodeFrame(1).storage else { return XCTFail("type") }
        XCTAssertEqual(second, [400, 500, 600, 700])
        var buffer = [UInt16](repeating: 0, count: 4)
        try buffer.withUnsafeMutableBytes { try file.decodeFrame(2, into: $0) }
        XCTAssertEqual(buffer, [800, 900, 1000, 1100])
        assertDICOMError(try file.decodeFrame(3)) {
            if case .frameIndexOutOfRange(_, 3, 3) = $0 { return true }
            return false
        }
        var small = [UInt8](repeating: 0, count: 7)
        assertDICOMError(try small.withUnsafeMutableBytes { try file.decodeFrame(0, into: $0) }) {
            if case .bufferTooSmall(8, 7) = $0 { return true }
            return false
        }
    }

    func testBigEndianFromFileInMetadataOnlyMode() throws {
        var ds = Fixtures.image(rows: 1, columns: 2, bitsAllocated: 16, frames: 2)
        ds.setPixels([UInt16(0x0102), 0x0304, 0x0506, 0x0708])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-be-\(UUID().uuidString).dcm")
        defer { try? FileManager.default.removeItem(at: url) }
        try DICOMWriter(transferSyntax: .explicitVRBigEndian).write(ds, to: url)
        let file = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
        var buffer = [UInt16](repeating: 0, count: 2)
        try buffer.withUnsafeMutableBytes { try file.decodeFrame(1, into: $0) }
        XCTAssertEqual(buffer, [0x0506, 0x0708])
    }

    func testFloatAndDoublePixelData() throws {
        var ds = Fixtures.image(rows: 1, columns: 2, bitsAllocated: 32)
        ds.remove(.bitsStored)
        ds.remove(.highBit)
        ds.remove(.pixelRepresentation)
        ds.setPixels([Float(1.5), -2.25])
        guard case .float32(let f) = try roundTrip(ds, .explicitVRBigEndian).decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(f, [1.5, -2.25])
        ds.remove(.floatPixelData)
        ds.set(.bitsAllocated, .US, 64)
        ds.setPixels([0.125, 1e300])
        guard case .float64(let d) = try roundTrip(ds).decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(d, [0.125, 1e300])
    }

    func testOneBitPixels() throws {
        var ds = Fixtures.image(rows: 1, columns: 10, bitsAllocated: 1)
        ds.set(.pixelData, .OB, bytes: Data([0b1010_0101, 0b0000_0011]))
        guard case .uint8(let v) = try roundTrip(ds).decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(v, [1, 0, 1, 0, 0, 1, 0, 1, 1, 1])
    }

    func testRescaleIsRecordedNotApplied() throws {
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 16, signed: true)
        ds.set(.rescaleSlope, .DS, 2.5)
        ds.set(.rescaleIntercept, .DS, -1024)
        ds.set(.rescaleType, .LO, "HU")
        ds.setPixels([Int16(100)])
        let decoded = try roundTrip(ds).decodePixels()
        XCTAssertEqual(decoded.description.rescale, Rescale(slope: 2.5, intercept: -1024, type: "HU"))
        XCTAssertEqual(decoded.storage.value(at: 0), 100)
    }

    func testUnknownCompressedSyntaxIsUnsupportedNotGarbage() throws {
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8)
        ds.setEncapsulatedPixels([Data([0xFF, 0xD8, 0xFF, 0xD9])])
        let file = try roundTrip(ds, TransferSyntax(uid: "1.2.840.10008.1.2.4.100"))
        assertDICOMError(try file.decodePixels()) {
            $0.description == "transfer syntax Unknown Transfer Syntax (1.2.840.10008.1.2.4.100) is not supported yet"
        }
    }

    func testEmptyJPEGIsACorruptFrameNamingFileAndFrame() throws {
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8)
        ds.setEncapsulatedPixels([Data([0xFF, 0xD8, 0xFF, 0xD9])])
        let file = try roundTrip(ds, .jpegBaseline)
        assertDICOMError(try file.decodePixels()) {
            guard case .corruptFrame(name: "pixels", frame: 0, codec: _, reason: _) = $0 else { return false }
            return true
        }
    }
}
