import Foundation
import Raster
import XCTest

final class JPEGCodecTests: XCTestCase {
    /// Stated tolerance: a smooth gradient at quality 95 stays within 8 per channel.
    private let tolerance = 8

    func testColorRoundTripWithinToleranceAndExactSize() throws {
        let frame = try Fixtures.colorGradient(width: 96, height: 64)
        let decoded = try JPEGCodec.decode(JPEGCodec.encode(frame, quality: 95), name: "c.jpg")
        XCTAssertEqual(decoded.width, 96)
        XCTAssertEqual(decoded.height, 64)
        XCTAssertEqual(decoded.format, .rgba8)
        // Alpha is not stored in JPEG: compare colour only by making the expected alpha opaque.
        let expected = try Frame(width: 96, height: 64, rgba8: frame.samples8.enumerated().map { $0.offset % 4 == 3 ? 255 : $0.element })
        let difference = try ImageComparison.compare(expected: expected, actual: decoded, tolerance: tolerance)
        XCTAssertLessThanOrEqual(difference.maxAbsoluteDifference, tolerance)
        XCTAssertEqual(decoded.pixel(x: 5, y: 5)?.a, 255)
    }

    func testGrayRoundTripStaysGray() throws {
        let frame = try Fixtures.grayGradient(width: 50, height: 30)
        let decoded = try JPEGCodec.decode(JPEGCodec.encode(frame, quality: 95), name: "g.jpg")
        XCTAssertEqual(decoded.format, .gray8)
        XCTAssertEqual(decoded.width, 50)
        XCTAssertEqual(decoded.height, 30)
        let difference = try ImageComparison.compare(expected: frame, actual: decoded, tolerance: tolerance)
        XCTAssertLessThanOrEqual(difference.maxAbsoluteDifference, tolerance)
    }

    func testLowerQualityGivesSmallerFiles() throws {
        let frame = try Fixtures.colorGradient(width: 128, height: 128)
        XCTAssertLessThan(try JPEGCodec.encode(frame, quality: 20).count, try JPEGCodec.encode(frame, quality: 95).count)
    }

    func testEveryTruncationIsATypedError() throws {
        let data = try JPEGCodec.encode(Fixtures.colorGradient(width: 64, height: 48), quality: 90)
        for cut in [0, 1, 2, 10, 100, data.count / 3, data.count / 2, data.count - 2, data.count - 1] {
            XCTAssertThrowsError(try JPEGCodec.decode(data.prefix(cut), name: "cut.jpg"), "cut at \(cut)") { error in
                guard let error = error as? RasterError else { return XCTFail("untyped error \(error)") }
                switch error {
                case .truncated, .corrupt: break
                default: XCTFail("cut at \(cut): unexpected \(error)")
                }
                XCTAssertTrue(error.description.hasPrefix("cut.jpg: "), error.description)
            }
        }
    }

    func testGarbageAndCorruptDataAreTypedErrors() throws {
        XCTAssertThrowsError(try JPEGCodec.decode(Data("hello, not a jpeg".utf8), name: "text.jpg")) { error in
            XCTAssertEqual((error as? RasterError)?.description.hasPrefix("text.jpg: corrupt (Not a JPEG file"), true, "\(error)")
        }
        var data = try JPEGCodec.encode(Fixtures.colorGradient(width: 64, height: 64), quality: 90)
        for offset in stride(from: data.count / 2, to: data.count - 2, by: 7) { data[offset] = 0xFF }
        XCTAssertThrowsError(try JPEGCodec.decode(data, name: "noise.jpg")) { error in
            XCTAssertNotNil(error as? RasterError, "\(error)")
        }
    }

    func testWriteIsAtomicAndReadable() throws {
        let folder = try Fixtures.scratchFolder(self)
        let url = folder.appendingPathComponent("deep/er/out.jpg")
        try JPEGCodec.write(Fixtures.grayGradient(width: 20, height: 10), to: url, quality: 80)
        let decoded = try JPEGCodec.read(contentsOf: url)
        XCTAssertEqual(decoded.width, 20)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path), ["out.jpg"])
    }

    func testGray16IsEncodedAfterRounding() throws {
        let frame = try Frame(width: 8, height: 8, gray16: [UInt16](repeating: 257 * 100, count: 64))
        let decoded = try JPEGCodec.decode(JPEGCodec.encode(frame, quality: 95), name: "g16.jpg")
        XCTAssertEqual(decoded.pixel(x: 3, y: 3)?.r ?? 0, 100, accuracy: 1)
    }
}
