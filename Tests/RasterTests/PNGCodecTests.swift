import Foundation
import Raster
import XCTest

final class PNGCodecTests: XCTestCase {
    func testRoundTripGray8() throws {
        let frame = try Fixtures.grayGradient(width: 37, height: 19)
        let decoded = try PNGCodec.decode(PNGCodec.encode(frame), name: "gray8.png")
        XCTAssertEqual(decoded, frame)
    }

    func testRoundTripRGBA8KeepsAlpha() throws {
        let frame = try Fixtures.colorGradient(width: 23, height: 31)
        let decoded = try PNGCodec.decode(PNGCodec.encode(frame), name: "rgba8.png")
        XCTAssertEqual(decoded.format, .rgba8)
        XCTAssertEqual(decoded, frame)
    }

    func testRoundTripGray16ExactValuesAbove255() throws {
        let frame = try Frame(width: 4, height: 2, gray16: [0, 1, 255, 256, 300, 4095, 40000, 65535])
        let data = try PNGCodec.encode(frame)
        // IHDR: bit depth 16, colour type 0 (gray); the first sample 0x0000 then 0x0001 are big-endian in the file.
        XCTAssertEqual(data[data.startIndex + 24], 16)
        XCTAssertEqual(data[data.startIndex + 25], 0)
        let decoded = try PNGCodec.decode(data, name: "gray16.png")
        XCTAssertEqual(decoded.format, .gray16)
        XCTAssertEqual(decoded.samples16, [0, 1, 255, 256, 300, 4095, 40000, 65535])
        let ramp = try Fixtures.gray16Ramp(width: 64, height: 64)
        XCTAssertEqual(try PNGCodec.decode(PNGCodec.encode(ramp), name: "ramp.png"), ramp)
    }

    func testFileWrittenReadsBackThroughLibpngWithSamePixels() throws {
        let folder = try Fixtures.scratchFolder(self)
        for (name, frame) in [("g8.png", try Fixtures.grayGradient(width: 16, height: 9)),
                              ("g16.png", try Fixtures.gray16Ramp(width: 9, height: 16)),
                              ("rgba.png", try Fixtures.colorGradient(width: 12, height: 12))] {
            let url = folder.appendingPathComponent(name)
            try PNGCodec.write(frame, to: url)
            XCTAssertEqual(try PNGCodec.read(contentsOf: url), frame, name)
        }
    }

    func testNotAPNGNamesTheFile() {
        XCTAssertThrowsError(try PNGCodec.decode(Data("GIF89a....".utf8), name: "golden/axial.png")) { error in
            XCTAssertEqual(error as? RasterError, .notPNG(name: "golden/axial.png"))
            XCTAssertEqual("\(error)", "golden/axial.png: not a PNG (bad signature)")
        }
        XCTAssertThrowsError(try PNGCodec.decode(Data(), name: "empty.png"))
    }

    func testEveryTruncationIsATypedError() throws {
        let data = try PNGCodec.encode(Fixtures.colorGradient(width: 40, height: 40))
        let cuts = [1, 7, 8, 12, 20, 33, 40, data.count / 3, data.count / 2, data.count - 13, data.count - 12, data.count - 1]
        for cut in cuts {
            XCTAssertThrowsError(try PNGCodec.decode(data.prefix(cut), name: "cut.png"), "cut at \(cut)") { error in
                guard let error = error as? RasterError else { return XCTFail("untyped error \(error)") }
                switch error {
                case .notPNG, .truncated: break
                default: XCTFail("cut at \(cut): unexpected \(error)")
                }
                XCTAssertTrue(error.description.hasPrefix("cut.png: "), error.description)
            }
        }
    }

    func testCorruptImageDataIsATypedError() throws {
        var data = try PNGCodec.encode(Fixtures.grayGradient(width: 32, height: 32))
        // Flip bytes inside the first IDAT payload (after signature 8 + IHDR 25 + sRGB/gAMA etc.).
        let idat = try XCTUnwrap(data.range(of: Data("IDAT".utf8)))
        for offset in idat.upperBound + 2..<idat.upperBound + 12 { data[offset] ^= 0xA5 }
        XCTAssertThrowsError(try PNGCodec.decode(data, name: "bad.png")) { error in
            guard case .corrupt(let name, let detail)? = error as? RasterError else {
                return XCTFail("expected .corrupt, got \(error)")
            }
            XCTAssertEqual(name, "bad.png")
            XCTAssertFalse(detail.isEmpty)
        }
    }

    func testMissingFileIsAReadError() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/x.png")
        XCTAssertThrowsError(try PNGCodec.read(contentsOf: url)) { error in
            guard case .readFailed(let path, _)? = error as? RasterError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, url.path)
        }
    }

    func testEmptyFrameCannotBeEncoded() {
        XCTAssertThrowsError(try PNGCodec.encode(Frame(width: 0, height: 0, format: .gray8)))
    }
}
