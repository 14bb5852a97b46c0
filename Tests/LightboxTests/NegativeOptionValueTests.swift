import ArgumentParser
import XCTest
@testable import lightbox

/// Numeric options take negative values typed as users type them, "--position -275", not only "--position=-275".
final class NegativeOptionValueTests: XCTestCase {
    let render = ["ct", "-o", "x.png"]

    /// The error message of parsing `arguments` as `C`, or nil when they parse.
    func parseError<C: ParsableCommand>(_ command: C.Type, _ arguments: [String]) -> String? {
        do { _ = try C.parse(arguments); return nil } catch { return C.message(for: error) }
    }

    func testRenderOptionsTakeNegativeValues() throws {
        XCTAssertEqual(try RenderCommand.parse(render + ["--view", "axial", "--position", "-275"]).position, "-275")
        XCTAssertEqual(try RenderCommand.parse(render + ["--position", "-42.5mm"]).position, "-42.5mm")
        XCTAssertEqual(try RenderCommand.parse(render + ["--window", "-600,1500"]).window, "-600,1500")
        let oblique = try RenderCommand.parse(render + ["--view", "oblique", "--normal", "-1,0,1", "--up", "0,0,-1"])
        XCTAssertEqual(oblique.normal, "-1,0,1")
        XCTAssertEqual(oblique.up, "0,0,-1")
        XCTAssertEqual(try RenderCommand.parse(render + ["--view", "mip", "--angle", "-30"]).angle, -30)
        XCTAssertEqual(try RenderCommand.parse(render + ["--pet-window", "-1,5"]).petWindow, "-1,5")
        XCTAssertEqual(try RenderCommand.parse(render + ["--threshold", "-1"]).threshold, -1)
    }

    func testEqualsFormStillWorks() throws {
        XCTAssertEqual(try RenderCommand.parse(render + ["--position=-275"]).position, "-275")
        XCTAssertEqual(try RenderCommand.parse(render + ["--angle=-30", "--view", "mip"]).angle, -30)
    }

    /// Options whose range excludes negative numbers now say so, instead of "Missing value".
    func testNegativeValuesOutOfRangeAreRefusedByTheOptionsOwnCheck() {
        let cases: [(arguments: [String], message: String)] = [
            (render + ["--slab", "-5"], "--slab must be a positive thickness in mm (got -5.0)"),
            (render + ["--opacity", "-0.5"], "--opacity must be 0…1 (got -0.5)"),
            (render + ["--quality", "-5"], "--quality must be 1…100 (got -5)"),
            (render + ["--progressive", "-10"], "--progressive must be a percentage 1…100 (got -10)"),
            (render + ["--size", "-64x64"], "--size must be WIDTHxHEIGHT"),
        ]
        for (arguments, message) in cases {
            let error = parseError(RenderCommand.self, arguments)
            XCTAssertTrue(error?.contains(message) == true, "\(arguments): \(error ?? "parsed")")
        }
        let thumbnails = ["archive", "-o", "out"]
        XCTAssertTrue(parseError(ThumbnailsCommand.self, thumbnails + ["--size", "-1"])?.contains("--size must be 16…2048 pixels (got -1)") == true)
        XCTAssertTrue(parseError(ThumbnailsCommand.self, thumbnails + ["--jobs", "-2"])?.contains("--jobs must be 1…64 (got -2)") == true)
        XCTAssertTrue(parseError(ThumbnailsCommand.self, thumbnails + ["--shard", "-1/4"])?.contains("--shard must be i/n") == true)
        XCTAssertTrue(parseError(DiffCommand.self, ["a", "b", "--tolerance", "-1"])?.contains("--tolerance must be 0 or more (got -1)") == true)
        XCTAssertTrue(parseError(DiffCommand.self, ["a", "b", "--max-fraction", "-0.1"])?.contains("--max-fraction must be between 0 and 1 (got -0.1)") == true)
        XCTAssertTrue(parseError(DemoCommand.self, ["--progressive", "-5"])?.contains("--progressive must be 0…100 (got -5)") == true)
        XCTAssertTrue(parseError(DemoCommand.self, ["--size", "-64x64"])?.contains("--size must be WIDTHxHEIGHT") == true)
    }

    func testOtherCommandsTakeNegativeValues() throws {
        let phantom = try PhantomCommand.parse(["--out", "p", "--ct-size", "-5x5x5", "--ct-spacing", "-1,2"])
        XCTAssertEqual(phantom.ctSize, "-5x5x5")
        XCTAssertEqual(phantom.ctSpacing, "-1,2")
        XCTAssertEqual(try BenchCommand.Diff.parse(["--pairs", "-1", "--runs", "-2"]).runs, -2)
        XCTAssertEqual(try BenchCommand.Export.parse(["--out", "e", "--size", "-3", "--slices", "-4"]).slices, -4)
        XCTAssertEqual(try BenchCommand.Load.parse(["dir", "--runs", "-1"]).runs, -1)
        XCTAssertEqual(try BenchCommand.Read.parse(["dir", "--runs", "-1"]).runs, -1)
        let frames = try BenchCommand.RenderFrames.parse(["--runs", "-1", "--min-seconds", "-0.5", "--size", "-2", "--slices", "-3"])
        XCTAssertEqual([Double(frames.runs), frames.minSeconds, Double(frames.size), Double(frames.slices)], [-1, -0.5, -2, -3])
        let thumbnails = try BenchCommand.Thumbnails.parse(["--sizes", "-5,10", "--jobs", "-1", "--broken-every", "-2", "--slices", "-3", "--matrix", "-4"])
        XCTAssertEqual([thumbnails.sizes, thumbnails.jobs], ["-5,10", "-1"])
        XCTAssertEqual([thumbnails.brokenEvery, thumbnails.slices, thumbnails.matrix], [-2, -3, -4])
    }

    func testAMissingValueAtTheEndIsStillNamed() {
        for option in ["--position", "--window", "--angle", "--threshold"] {
            let error = parseError(RenderCommand.self, render + [option])
            XCTAssertTrue(error?.contains("Missing value for '\(option)") == true, "\(option): \(error ?? "parsed")")
        }
    }

    /// A value that is really the next option is taken as the value and refused by the option's own check.
    func testAnOptionWhereAValueShouldBeIsRefused() {
        let error = parseError(RenderCommand.self, render + ["--position", "--view", "axial"])
        XCTAssertTrue(error?.contains("--position must be millimetres") == true && error?.contains("'--view'") == true, error ?? "parsed")
    }
}
