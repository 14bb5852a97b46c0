import Foundation
import Jobs
import Raster
import XCTest

/// The golden suite pairs folders by relative path, counts what it found and writes diff images.
final class GoldenSuiteTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-golden-suite-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testFoldersArePairedByRelativePathAndCounted() throws {
        var grey = Frame(width: 32, height: 16, format: .rgba8)
        grey.fill(PixelRect(x: 0, y: 0, width: 32, height: 16), color: (r: 90, g: 90, b: 90, a: 255))
        var spot = grey
        spot.fill(PixelRect(x: 4, y: 4, width: 2, height: 2), color: (r: 250, g: 90, b: 90, a: 255))
        let expected = folder.appendingPathComponent("expected"), actual = folder.appendingPathComponent("actual")
        try PNGCodec.write(grey, to: expected.appendingPathComponent("same.png"))
        try PNGCodec.write(grey, to: actual.appendingPathComponent("same.png"))
        try PNGCodec.write(grey, to: expected.appendingPathComponent("a/spot.png"))
        try PNGCodec.write(spot, to: actual.appendingPathComponent("a/spot.png"))
        try PNGCodec.write(grey, to: actual.appendingPathComponent("new.png"))
        try PNGCodec.write(Frame(width: 8, height: 8, format: .rgba8), to: expected.appendingPathComponent("small.png"))
        try PNGCodec.write(grey, to: actual.appendingPathComponent("small.png"))

        XCTAssertEqual(try GoldenSuite.pairs(expected: expected, actual: actual).map(\.path), ["a/spot.png", "new.png", "same.png", "small.png"])
        let diffs = folder.appendingPathComponent("diffs")
        let report = try GoldenSuite(tolerance: 2, diffFolder: diffs).run(expected: expected, actual: actual)
        XCTAssertEqual([report.compared, report.same, report.different, report.failed], [4, 1, 1, 2])
        XCTAssertEqual(report.entries.map(\.status), [.different, .missing, .same, .sizeMismatch])
        XCTAssertEqual(report.entries[0].diffImage, diffs.appendingPathComponent("a/spot.diff.png").path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: diffs.appendingPathComponent("a/spot.diff.png").path))
        XCTAssertEqual(try GoldenSuite(maxFraction: 4.0 / 512).run(expected: expected, actual: actual).different, 0, "4 of 512 pixels are allowed")
    }

    func testAMissingExpectedSideIsBadInput() {
        XCTAssertThrowsError(try GoldenSuite().run(expected: folder.appendingPathComponent("nope"), actual: folder)) { error in
            XCTAssertEqual(error as? JobError, .badInput("\(folder.appendingPathComponent("nope").path): no such file or folder"))
        }
    }
}
