import Foundation
import Phantom
import Raster
import XCTest

/// End-to-end: render and thumbnails run as a process on the phantom and on a generated archive.
final class RenderThumbnailsCLITests: XCTestCase {
    static let phantom: URL = {
        let url = CLI.temporaryFolder("phantom")
        _ = try? PhantomWriter().write(to: url)
        return url
    }()

    var folder: URL!

    override func setUpWithError() throws { folder = CLI.temporaryFolder("render") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }
    override class func tearDown() { try? FileManager.default.removeItem(at: phantom) }

    func testRenderWritesTheFrameAndAJSONReport() throws {
        let out = folder.appendingPathComponent("nested/axial.png")
        let result = try CLI.run(["render", Self.phantom.appendingPathComponent("CT").path, "-o", out.path,
                                  "--view", "axial", "--size", "200x160", "--preset", "lung", "--progressive", "50", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let frame = try PNGCodec.read(contentsOf: out)
        XCTAssertEqual([frame.width, frame.height], [200, 160])
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let volume = try XCTUnwrap((report["volumes"] as? [[String: Any]])?.first)
        XCTAssertEqual(volume["dimensions"] as? [Int], [256, 256, 120])
        XCTAssertEqual(volume["units"] as? String, "HU")
        XCTAssertEqual(volume["voxelType"] as? String, "int16")
        XCTAssertEqual((report["window"] as? [String: Any])?["source"] as? String, "preset lung")
        XCTAssertEqual(report["loadState"] as? String, "complete")
        let written = try XCTUnwrap(report["framesWritten"] as? [String])
        XCTAssertEqual(written.map { URL(fileURLWithPath: $0).lastPathComponent }, ["axial-050.png", "axial.png"])
        XCTAssertTrue((report["renderer"] as? String)?.contains("llvmpipe") == true, "\(report["renderer"] ?? "")")
    }

    func testFusionLayoutReportsSUVAndWritesProgressiveFrames() throws {
        let out = folder.appendingPathComponent("fused.png")
        let result = try CLI.run(["render", "--ct", Self.phantom.appendingPathComponent("CT").path, "--pet", Self.phantom.appendingPathComponent("PET").path,
                                  "-o", out.path, "--view", "layout-3x3", "--size", "480x300", "--progressive", "40", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["petUnits"] as? String, "SUVbw")
        XCTAssertEqual((report["framesWritten"] as? [String])?.count, 3)
        XCTAssertEqual((report["volumes"] as? [[String: Any]])?.map { $0["role"] as? String }, ["ct", "pet"])
        let frame = try PNGCodec.read(contentsOf: out)
        XCTAssertEqual([frame.width, frame.height], [480, 300])

        let single = try CLI.run(["render", "--ct", Self.phantom.appendingPathComponent("CT").path, "--pet", Self.phantom.appendingPathComponent("PET").path,
                                  "-o", folder.appendingPathComponent("f.png").path, "--view", "fusion", "--fusion-plane", "coronal",
                                  "--size", "128x128", "--colormap", "pet", "--opacity", "0.7", "--quiet"])
        XCTAssertEqual(single.status, 0, single.stderr)
        let missingPET = try CLI.run(["render", "--ct", Self.phantom.path, "-o", "x.png", "--view", "fusion"])
        XCTAssertEqual(missingPET.status, 2)
        XCTAssertTrue(missingPET.stderr.contains("needs --ct and --pet"), missingPET.stderr)
    }

    func testRenderRefusesToOverwriteWithoutForce() throws {
        let out = folder.appendingPathComponent("x.png")
        let ct = Self.phantom.appendingPathComponent("CT").path
        XCTAssertEqual(try CLI.run(["render", ct, "-o", out.path, "--size", "64x64", "--quiet"]).status, 0)
        let again = try CLI.run(["render", ct, "-o", out.path, "--size", "64x64"])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("pass --force"), again.stderr)
        XCTAssertEqual(try CLI.run(["render", ct, "-o", out.path, "--size", "64x64", "--force", "--quiet"]).status, 0)
    }

    func testRenderNeedsOneSeriesAndGoodOptions() throws {
        let twoSeries = try CLI.run(["render", Self.phantom.path, "-o", folder.appendingPathComponent("a.png").path])
        XCTAssertEqual(twoSeries.status, 2)
        XCTAssertTrue(twoSeries.stderr.contains("hold 2 series; pick one with --series"), twoSeries.stderr)
        let badWindow = try CLI.run(["render", Self.phantom.path, "-o", "a.png", "--window", "40"])
        XCTAssertEqual(badWindow.status, 2)
        XCTAssertTrue(badWindow.stderr.contains("--window must be CENTRE,WIDTH"), badWindow.stderr)
        let badSlab = try CLI.run(["render", Self.phantom.path, "-o", "a.png", "--view", "mip", "--slab", "10"])
        XCTAssertEqual(badSlab.status, 2)
    }

    func testRenderJPEGAndOblique() throws {
        let out = folder.appendingPathComponent("oblique.jpg")
        let result = try CLI.run(["render", Self.phantom.appendingPathComponent("CT").path, "-o", out.path, "--view", "oblique",
                                  "--normal", "1,0,1", "--size", "128x128", "--quality", "80", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let frame = try ImageFile.read(contentsOf: out)
        XCTAssertEqual(frame.width, 128)
        XCTAssertTrue(try Data(contentsOf: out).starts(with: [0xFF, 0xD8]), "not a JPEG")
    }

    func testThumbnailsOverAnArchiveWithBrokenFilesShardsAndResume() throws {
        let archive = folder.appendingPathComponent("archive")
        let broken = try SyntheticArchive(seriesCount: 33, slicesPerSeries: 3, brokenEvery: 10).write(to: archive)
        XCTAssertEqual(broken.count, 3)
        let out = folder.appendingPathComponent("thumbs")

        let whole = try CLI.run(["thumbnails", archive.path, "-o", out.path, "--size", "64", "--jobs", "2"])
        XCTAssertEqual(whole.status, 3, "broken files make the run partial: \(whole.stdout) \(whole.stderr)")
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("thumbnails.json"))) as? [String: Any])
        let entries = try XCTUnwrap(report["entries"] as? [[String: Any]])
        let series = entries.filter { $0["seriesInstanceUID"] != nil }
        XCTAssertEqual(series.count, 33)
        XCTAssertTrue(series.allSatisfy { $0["status"] as? String == "ok" })
        for entry in series {
            let frame = try PNGCodec.read(contentsOf: out.appendingPathComponent(try XCTUnwrap(entry["output"] as? String)))
            XCTAssertEqual([frame.width, frame.height], [64, 64])
        }
        let fileErrors = entries.filter { $0["file"] != nil }
        XCTAssertEqual(Set(fileErrors.compactMap { $0["file"] as? String }.map { URL(fileURLWithPath: $0).lastPathComponent }), ["IM0000.dcm"])
        XCTAssertEqual(fileErrors.count, 3)

        let again = try CLI.run(["thumbnails", archive.path, "-o", out.path, "--size", "64"])
        XCTAssertTrue(again.stdout.contains("0 written, 33 already done"), again.stdout)

        var covered: [String] = []
        for i in 0..<3 {
            let shardOut = folder.appendingPathComponent("shards")
            _ = try CLI.run(["thumbnails", archive.path, "-o", shardOut.path, "--size", "32", "--shard", "\(i)/3", "--quiet"])
            let shardReport = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: shardOut.appendingPathComponent("thumbnails-shard-\(i)-of-3.json"))) as? [String: Any])
            covered += (shardReport["entries"] as? [[String: Any]] ?? []).compactMap { $0["seriesInstanceUID"] as? String }
        }
        XCTAssertEqual(covered.count, 33, "every series exactly once across shards")
        XCTAssertEqual(Set(covered).count, 33)
    }

    func testThumbnailsBadUsage() throws {
        let result = try CLI.run(["thumbnails", folder.path, "-o", folder.path, "--shard", "3/3"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--shard must be i/n"), result.stderr)
    }
}
