import Foundation
import Phantom
import Raster
import XCTest

/// End-to-end: `--view volume`, `layout-2x2`, `lightbox presets` and the typed errors of `--preset` and `--crop`.
final class VolumeRenderCLITests: XCTestCase {
    static let phantom: URL = {
        let url = CLI.temporaryFolder("vr-phantom")
        _ = try? PhantomWriter().write(to: url)
        return url
    }()

    var folder: URL!

    override func setUpWithError() throws { folder = CLI.temporaryFolder("vr") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }
    override class func tearDown() { try? FileManager.default.removeItem(at: phantom) }

    var ct: String { Self.phantom.appendingPathComponent("CT").path }

    func testVolumeViewAndTheMPRPlus3DLayout() throws {
        let vr = folder.appendingPathComponent("vr.png")
        var result = try CLI.run(["render", ct, "-o", vr.path, "--view", "volume", "--preset", "CT-Bone", "--angle", "30", "--elevation", "20",
                                  "--crop", "0%,100%,0%,60%,0%,100%", "--sample-step", "1", "--size", "128x96", "--progressive", "50"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let frame = try PNGCodec.read(contentsOf: vr)
        XCTAssertEqual([frame.width, frame.height], [128, 96])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("vr-050.png").path), "progressive frame")
        let quad = folder.appendingPathComponent("quad.png")
        result = try CLI.run(["render", ct, "-o", quad.path, "--view", "layout-2x2", "--size", "258x258", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual([try PNGCodec.read(contentsOf: quad).width, try PNGCodec.read(contentsOf: quad).height], [258, 258])
        XCTAssertTrue(result.stdout.contains("\"layout-2x2\""), result.stdout)
    }

    func testPresetsAreListedAndBadOnesNamed() throws {
        let list = try CLI.run(["presets"])
        XCTAssertEqual(list.status, 0)
        XCTAssertEqual(list.stdout.split(separator: "\n").count, 26)
        XCTAssertTrue(list.stdout.contains("CT-Soft-Tissue") && list.stdout.contains("PET-SUV"))

        let out = folder.appendingPathComponent("x.png").path
        var result = try CLI.run(["render", ct, "-o", out, "--view", "volume", "--preset", "CT-Nothing"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no volume preset named 'CT-Nothing'"), result.stderr)
        let bad = folder.appendingPathComponent("mine.json")
        try #"{"name": "mine", "scalarOpacity": [[0, 0], [-10, 1]], "color": [[0, 1, 1, 1]]}"#.write(to: bad, atomically: true, encoding: .utf8)
        result = try CLI.run(["render", ct, "-o", out, "--view", "volume", "--preset", bad.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("sort the points by value"), result.stderr)
        result = try CLI.run(["render", ct, "-o", out, "--view", "axial", "--preset", "CT-Bone"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--view volume"), result.stderr)
        result = try CLI.run(["render", ct, "-o", out, "--view", "volume", "--crop", "0,10,20"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("X0,X1,Y0,Y1,Z0,Z1"), result.stderr)
        result = try CLI.run(["render", ct, "-o", out, "--view", "volume", "--crop", "50%,10%,0%,100%,0%,100%"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("keeps nothing"), result.stderr)
    }
}
