import Raster
import XCTest

final class FrameTests: XCTestCase {
    func testZeroFilledConstructorAndPixelAccess() throws {
        let frame = Frame(width: 3, height: 2, format: .rgba8)
        XCTAssertEqual(frame.samples8.count, 24)
        XCTAssertEqual(frame.pixel(x: 2, y: 1), Pixel(r: 0, g: 0, b: 0, a: 0))
        XCTAssertNil(frame.pixel(x: 3, y: 0))
        XCTAssertNil(frame.pixel(x: -1, y: 0))
        XCTAssertEqual(Frame(width: -4, height: 2, format: .gray8).width, 0)
    }

    func testGray16ValuesAbove255AreKept() throws {
        let frame = try Frame(width: 2, height: 1, gray16: [300, 65535])
        XCTAssertEqual(frame.pixel(x: 0, y: 0), Pixel(gray: 300, maxValue: 65535))
        XCTAssertEqual(frame.pixel(x: 1, y: 0)?.r, 65535)
    }

    func testWrongSampleCountIsATypedError() {
        XCTAssertThrowsError(try Frame(width: 2, height: 2, rgba8: [1, 2, 3])) { error in
            XCTAssertEqual(error as? RasterError,
                           .pixelCountMismatch(format: .rgba8, width: 2, height: 2, expected: 16, actual: 3))
            XCTAssertEqual("\(error)", "rgba8 frame 2×2 needs 16 samples, got 3")
        }
        XCTAssertThrowsError(try Frame(width: -1, height: 2, gray8: []))
    }

    func testConversionReplicatesGrayAndUsesRoundedLuminance() throws {
        let gray = try Frame(width: 1, height: 1, gray8: [77])
        XCTAssertEqual(gray.converted(to: .rgba8).samples8, [77, 77, 77, 255])
        let color = try Frame(width: 2, height: 1, rgba8: [255, 0, 0, 255, 10, 200, 30, 0])
        // 0.299·255 = 76.245 → 76; 0.299·10 + 0.587·200 + 0.114·30 = 123.81 → 124
        XCTAssertEqual(color.converted(to: .gray8).samples8, [76, 124])
        let deep = try Frame(width: 2, height: 1, gray16: [65535, 300])
        XCTAssertEqual(deep.converted(to: .gray8).samples8, [255, 1])
        XCTAssertEqual(gray.converted(to: .gray16).samples16, [77 * 257])
    }

    func testFlippedVerticallyReversesRowOrder() throws {
        let frame = try Frame(width: 2, height: 3, gray8: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(frame.flippedVertically().samples8, [5, 6, 3, 4, 1, 2])
        XCTAssertEqual(frame.flippedVertically().flippedVertically(), frame)
        let deep = try Frame(width: 1, height: 2, gray16: [1000, 2000])
        XCTAssertEqual(deep.flippedVertically().samples16, [2000, 1000])
    }

    func testBlitClipsAtEveryEdgeAndConvertsGray() throws {
        var canvas = Frame(width: 4, height: 4, format: .rgba8)
        let tile = try Frame(width: 2, height: 2, gray8: [10, 20, 30, 40])
        canvas.blit(tile, atX: -1, y: -1)   // only the bottom-right source pixel lands at (0,0)
        canvas.blit(tile, atX: 3, y: 3)     // only the top-left source pixel lands at (3,3)
        canvas.blit(tile, atX: 10, y: 0)    // entirely outside: no effect
        canvas.blit(tile, atX: 1, y: 1)     // fully inside
        XCTAssertEqual(canvas.pixel(x: 0, y: 0), Pixel(r: 40, g: 40, b: 40, a: 255))
        XCTAssertEqual(canvas.pixel(x: 3, y: 3), Pixel(r: 10, g: 10, b: 10, a: 255))
        XCTAssertEqual(canvas.pixel(x: 1, y: 1), Pixel(r: 10, g: 10, b: 10, a: 255))
        XCTAssertEqual(canvas.pixel(x: 2, y: 2), Pixel(r: 40, g: 40, b: 40, a: 255))
        XCTAssertEqual(canvas.pixel(x: 1, y: 0), Pixel(r: 0, g: 0, b: 0, a: 0))
        XCTAssertEqual(canvas.pixel(x: 3, y: 0), Pixel(r: 0, g: 0, b: 0, a: 0))
        canvas.blit(tile, atX: Int.max, y: Int.min)   // extreme offsets must not trap
    }

    func testFillClipsToTheFrame() {
        var frame = Frame(width: 3, height: 3, format: .rgba8)
        frame.fill(PixelRect(x: 2, y: -5, width: 10, height: 6), color: (1, 2, 3, 4))
        XCTAssertEqual(frame.pixel(x: 2, y: 0), Pixel(r: 1, g: 2, b: 3, a: 4))
        XCTAssertEqual(frame.pixel(x: 1, y: 0), Pixel(r: 0, g: 0, b: 0, a: 0))
        XCTAssertEqual(frame.pixel(x: 2, y: 1), Pixel(r: 0, g: 0, b: 0, a: 0))
        var gray = Frame(width: 2, height: 1, format: .gray8)
        gray.fill(PixelRect(x: 0, y: 0, width: 1, height: 1), color: (255, 255, 255, 255))
        XCTAssertEqual(gray.samples8, [255, 0])
    }
}
