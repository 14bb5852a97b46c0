import Raster
import XCTest

final class BitmapFontTests: XCTestCase {
    private let white: RGBAColor = (255, 255, 255, 255)

    private func lit(_ frame: Frame, _ x: Int, _ y: Int) -> Bool {
        frame.pixel(x: x, y: y)?.r == 255
    }

    func testLetterRLightsTheExpectedPixels() {
        var frame = Frame(width: 10, height: 10, format: .rgba8)
        BitmapFont.draw("R", into: &frame, x: 2, y: 1, scale: 1, color: white)
        XCTAssertTrue(lit(frame, 2, 1))     // top-left of the bowl
        XCTAssertTrue(lit(frame, 5, 1))     // end of the top bar
        XCTAssertFalse(lit(frame, 6, 1))    // top-right corner is open
        XCTAssertTrue(lit(frame, 6, 2))     // right side of the bowl
        XCTAssertTrue(lit(frame, 3, 4))     // middle bar
        XCTAssertTrue(lit(frame, 6, 7))     // end of the leg
        XCTAssertFalse(lit(frame, 3, 7))    // gap between stem and leg
        XCTAssertTrue(lit(frame, 2, 7))     // bottom of the stem
        XCTAssertFalse(lit(frame, 1, 1))    // nothing left of the glyph
        let litCount = (0..<100).count { lit(frame, $0 % 10, $0 / 10) }
        XCTAssertEqual(litCount, 18)        // 4 + 2 + 2 + 4 + 2 + 2 + 2 bits in R's rows
    }

    func testScaleMakesSquares() {
        var frame = Frame(width: 20, height: 20, format: .rgba8)
        BitmapFont.draw("I", into: &frame, x: 0, y: 0, scale: 2, color: white)
        // I's top bar is columns 1...3 → pixels 2...7 at scale 2, rows 0...1.
        XCTAssertTrue(lit(frame, 2, 0))
        XCTAssertTrue(lit(frame, 7, 1))
        XCTAssertFalse(lit(frame, 1, 0))
        XCTAssertFalse(lit(frame, 8, 0))
    }

    func testTextSize() {
        XCTAssertEqual(BitmapFont.textSize("RL", scale: 1).width, 11)
        XCTAssertEqual(BitmapFont.textSize("RL", scale: 3).height, 21)
        XCTAssertEqual(BitmapFont.textSize("", scale: 2).width, 0)
    }

    func testUnknownCharactersDrawABoxAndClippingDoesNotCrash() {
        var frame = Frame(width: 12, height: 9, format: .rgba8)
        BitmapFont.draw("€", into: &frame, x: 0, y: 0, scale: 1, color: white)
        XCTAssertTrue(lit(frame, 1, 1))     // box outline
        XCTAssertFalse(lit(frame, 2, 2))    // box interior
        BitmapFont.draw("ÄÖ☃\n%()x:./+-", into: &frame, x: -7, y: -3, scale: 3, color: white)
        BitmapFont.draw("SI", into: &frame, x: Int.max - 3, y: Int.min, scale: Int.max, color: white)
        var gray = Frame(width: 8, height: 8, format: .gray16)
        BitmapFont.draw("A", into: &gray, x: 0, y: 0, scale: 1, color: white)
        XCTAssertEqual(gray.pixel(x: 0, y: 1)?.r, 65535)
    }

    func testLowercaseLettersDrawAsUppercaseButXIsItsOwnGlyph() {
        var lower = Frame(width: 6, height: 7, format: .rgba8)
        var upper = lower
        BitmapFont.draw("r", into: &lower, x: 0, y: 0, scale: 1, color: white)
        BitmapFont.draw("R", into: &upper, x: 0, y: 0, scale: 1, color: white)
        XCTAssertEqual(lower, upper)
        var small = Frame(width: 6, height: 7, format: .rgba8)
        var big = small
        BitmapFont.draw("x", into: &small, x: 0, y: 0, scale: 1, color: white)
        BitmapFont.draw("X", into: &big, x: 0, y: 0, scale: 1, color: white)
        XCTAssertNotEqual(small, big)
    }
}
