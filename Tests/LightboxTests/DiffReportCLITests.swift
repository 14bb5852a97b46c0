import Foundation
import Raster
import XCTest

/// End-to-end: `lightbox diff` with --report, --junit, --ignore, --mask and --min-ssim; `render --frames` writes a loop.
final class DiffReportCLITests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws { folder = CLI.temporaryFolder("diff-report") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// expected/a.png and actual/a.png, equal but for a 6×4 red block at (10, 8).
    private func writePair() throws -> (URL, URL) {
        let e = try Frame.texturedPattern(width: 48, height: 32, seed: 4)
        var a = e
        a.fill(PixelRect(x: 10, y: 8, width: 6, height: 4), color: (r: 255, g: 0, b: 0, a: 255))
        let expected = folder.appendingPathComponent("expected"), actual = folder.appendingPathComponent("actual")
        try PNGCodec.write(e, to: expected.appendingPathComponent("a.png"))
        try PNGCodec.write(a, to: actual.appendingPathComponent("a.png"))
        return (expected, actual)
    }

    func testReportJUnitAndIgnoredRegions() throws {
        let (expected, actual) = try writePair()
        let report = folder.appendingPathComponent("report"), junit = folder.appendingPathComponent("junit.xml")
        let failing = try CLI.run(["diff", expected.path, actual.path, "--report", report.path, "--junit", junit.path])
        XCTAssertEqual(failing.status, 1, failing.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("index.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.appendingPathComponent("diff/a.diff.png").path))
        XCTAssertTrue(try String(contentsOf: junit, encoding: .utf8).contains("failures=\"1\""))

        let ignored = try CLI.run(["diff", expected.path, actual.path, "--ignore", "8,6,10,8"])
        XCTAssertEqual(ignored.status, 0, ignored.stdout + ignored.stderr)
        var mask = Frame(width: 48, height: 32, format: .gray8)
        mask.fill(PixelRect(x: 10, y: 8, width: 6, height: 4), color: (r: 255, g: 255, b: 255, a: 255))
        try PNGCodec.write(mask, to: folder.appendingPathComponent("mask.png"))
        XCTAssertEqual(try CLI.run(["diff", expected.path, actual.path, "--mask", folder.appendingPathComponent("mask.png").path]).status, 0)
        XCTAssertEqual(try CLI.run(["diff", expected.path, actual.path, "--min-ssim", "0.5"]).status, 0, "a small block keeps SSIM high")
        XCTAssertEqual(try CLI.run(["diff", expected.path, actual.path, "--min-ssim", "0.9999"]).status, 1)

        try PNGCodec.write(Frame(width: 4, height: 4, format: .gray8), to: folder.appendingPathComponent("small-mask.png"))
        let wrongMask = try CLI.run(["diff", expected.path, actual.path, "--mask", folder.appendingPathComponent("small-mask.png").path])
        XCTAssertEqual(wrongMask.status, 2)
        XCTAssertTrue(wrongMask.stdout.contains("the mask is 4×4, the images are 48×32"), wrongMask.stdout)
        XCTAssertEqual(try CLI.run(["diff", expected.path, actual.path, "--ignore", "1,2,3"]).status, 2, "x,y,w,h")
    }

    func testRenderFramesWritesAnAnimatedPNG() throws {
        XCTAssertEqual(try CLI.run(["phantom", "--out", folder.path, "--quiet"]).status, 0)
        let loop = folder.appendingPathComponent("turn.png")
        let result = try CLI.run(["render", folder.appendingPathComponent("PET").path, "-o", loop.path, "--view", "mip",
                                  "--frames", "4", "--size", "64x48"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try APNGReader.frames(of: Data(contentsOf: loop), name: loop.path).count, 4)
        XCTAssertTrue(result.stdout.contains("wrote \(loop.path)"), result.stdout)
        let refused = try CLI.run(["render", folder.appendingPathComponent("PET").path, "-o", folder.appendingPathComponent("x.png").path,
                                   "--view", "axial", "--frames", "4"])
        XCTAssertEqual(refused.status, 2)
        XCTAssertTrue(refused.stderr.contains("does not rotate"), refused.stderr)
    }
}
