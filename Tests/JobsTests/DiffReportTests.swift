import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Jobs
import Raster
import TestSupport
import XCTest

/// The diff report: the HTML page opened from disk in headless Chromium (a screenshot, checked for the images'
/// colours), names escaped, images copied and linked relatively; the JUnit XML parsed, its counts those of the run.
final class DiffReportTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-diff-report-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Expected and actual folders: one pass, one failure (a green field with a red spot), one missing, one of another
    /// size, all under names that need escaping in HTML, XML and URLs.
    private func makeRun() throws -> GoldenSuiteReport {
        var green = Frame(width: 64, height: 48, format: .rgba8)
        green.fill(PixelRect(x: 0, y: 0, width: 64, height: 48), color: (r: 0, g: 200, b: 0, a: 255))
        var spot = green
        spot.fill(PixelRect(x: 20, y: 16, width: 10, height: 8), color: (r: 230, g: 0, b: 0, a: 255))
        let expected = folder.appendingPathComponent("expected"), actual = folder.appendingPathComponent("actual")
        let failing = "<b>&\"fail\" 'n' #1?.png"
        try PNGCodec.write(green, to: expected.appendingPathComponent("pass.png"))
        try PNGCodec.write(green, to: actual.appendingPathComponent("pass.png"))
        try PNGCodec.write(green, to: expected.appendingPathComponent("sub dir/\(failing)"))
        try PNGCodec.write(spot, to: actual.appendingPathComponent("sub dir/\(failing)"))
        try PNGCodec.write(green, to: expected.appendingPathComponent("gone.png"))
        try PNGCodec.write(Frame(width: 8, height: 8, format: .rgba8), to: expected.appendingPathComponent("small.png"))
        try PNGCodec.write(green, to: actual.appendingPathComponent("small.png"))
        let suite = GoldenSuite(tolerance: 2, diffFolder: folder.appendingPathComponent("report/diff"))
        return try suite.run(expected: expected, actual: actual)
    }

    func testThePageIsSelfContainedEscapedAndShowsTheImagesInChromium() throws {
        let report = try makeRun()
        let reportFolder = folder.appendingPathComponent("report")
        let page = try DiffReportPage.write(report, to: reportFolder)
        let html = try String(contentsOf: page, encoding: .utf8)

        XCTAssertFalse(html.contains("<b>&"), "a file name is markup only when escaped")
        XCTAssertTrue(html.contains("&lt;b&gt;&amp;&quot;fail&quot; &#39;n&#39; #1?.png"))
        XCTAssertTrue(html.contains("src=\"expected/sub%20dir/%3Cb%3E&amp;%22fail%22%20&#39;n&#39;%20%231%3F.png\""),
                      "image links are relative, percent-encoded, then escaped")
        for forbidden in ["http://", "https://", "<script src", "<link"] { XCTAssertFalse(html.contains(forbidden), forbidden) }
        let rows = html.components(separatedBy: "<tr class=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(rows, ["different", "size-mismatch", "missing", "same"], "failures first")
        for side in ["expected", "actual"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("\(side)/sub dir/<b>&\"fail\" 'n' #1?.png").path))
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("diff/sub dir/<b>&\"fail\" 'n' #1?.diff.png").path))

        // Chromium opens the page from disk, without network, and draws the copied images: the green field and the red spot.
        let chromium = try ExternalTool.require("chromium", package: "chromium")
        let screenshot = folder.appendingPathComponent("report.png")
        let result = try ExternalTool.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
            "--window-size=1100,1300", "--screenshot=\(screenshot.path)", page.absoluteString])
        let shot = try XCTUnwrap(try? PNGCodec.read(contentsOf: screenshot), "chromium wrote no screenshot: \(result.stderr)")
        if let keep = ProcessInfo.processInfo.environment["LIGHTBOX_KEEP_SCREENSHOT"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(at: screenshot, to: URL(fileURLWithPath: keep))
        }
        var green = 0, red = 0
        for y in 0..<shot.height {
            for x in 0..<shot.width {
                guard let p = shot.pixel(x: x, y: y) else { continue }
                if p.r == 0 && p.g == 200 && p.b == 0 { green += 1 }
                if p.r == 230 && p.g == 0 && p.b == 0 { red += 1 }
            }
        }
        // Expected, actual and the slider's two images of the failing pair, plus the passing pair's: > 5 green fields.
        XCTAssertGreaterThan(green, 5 * 64 * 48 / 2, "the copied images are drawn")
        XCTAssertGreaterThanOrEqual(red, 80, "the actual image's red spot is drawn")
    }

    func testJUnitIsWellFormedAndCountsMatchTheRun() throws {
        let report = try makeRun()
        let url = folder.appendingPathComponent("junit.xml")
        try JUnitReport.write(report, to: url)
        let document = try XMLDocument(contentsOf: url, options: [])
        let suite = try XCTUnwrap(document.rootElement()?.elements(forName: "testsuite").first)
        func count(_ name: String) -> Int? { suite.attribute(forName: name)?.stringValue.flatMap { Int($0) } }
        XCTAssertEqual(count("tests"), report.compared)
        XCTAssertEqual(count("failures"), report.different)
        XCTAssertEqual(count("errors"), report.failed)
        let cases = suite.elements(forName: "testcase")
        XCTAssertEqual(cases.count, report.compared)
        XCTAssertEqual(cases.filter { !$0.elements(forName: "failure").isEmpty }.count, report.different)
        XCTAssertEqual(cases.filter { !$0.elements(forName: "error").isEmpty }.count, report.failed)
        let failing = try XCTUnwrap(cases.first { !$0.elements(forName: "failure").isEmpty })
        XCTAssertEqual(failing.attribute(forName: "name")?.stringValue, "sub dir/<b>&\"fail\" 'n' #1?.png")
        let message = try XCTUnwrap(failing.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue)
        XCTAssertTrue(message.hasPrefix("80 pixels above tolerance 2"), message)
        XCTAssertTrue(message.contains("SSIM"), message)
    }
}
