import Foundation
import Raster
import XCTest

/// End-to-end: the phantom, info and diff commands run as a process.
final class PhantomInfoDiffCLITests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = CLI.temporaryFolder("cli")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testPhantomIsWrittenAndByteIdenticalAcrossRuns() throws {
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        XCTAssertEqual(try CLI.run(["phantom", "--out", a.path, "--quiet"]).status, 0)
        XCTAssertEqual(try CLI.run(["phantom", "--out", b.path, "--quiet"]).status, 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: a.appendingPathComponent("CT").path).sorted()
        XCTAssertEqual(files.count, 120)
        for name in [files[0], files[59], files[119]] {
            XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent("CT/" + name)), try Data(contentsOf: b.appendingPathComponent("CT/" + name)))
        }
        XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent("PET/PET_0030.dcm")), try Data(contentsOf: b.appendingPathComponent("PET/PET_0030.dcm")))
    }

    func testInfoJSONHoldsTheSeriesFacts() throws {
        XCTAssertEqual(try CLI.run(["phantom", "--out", folder.path, "--quiet"]).status, 0)
        let result = try CLI.run(["info", folder.path, "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let series = try XCTUnwrap(report["series"] as? [[String: Any]])
        XCTAssertEqual(series.count, 2)
        let ct = try XCTUnwrap(series.first { $0["modality"] as? String == "CT" })
        XCTAssertEqual(ct["dimensions"] as? [Int], [256, 256, 120])
        XCTAssertEqual(ct["spacingMM"] as? [Double], [1.5, 1.5, 2])
        XCTAssertEqual(ct["units"] as? String, "HU")
        XCTAssertEqual((ct["valueRange"] as? [String: Double])?["min"], -1000)
        XCTAssertEqual((ct["problems"] as? [String])?.isEmpty, true)
        XCTAssertTrue((ct["orientation"] as? String)?.hasPrefix("axial") == true)
        let pet = try XCTUnwrap(series.first { $0["modality"] as? String == "PT" })
        XCTAssertEqual((pet["suv"] as? [String: Any])?["available"] as? Bool, true)
    }

    func testInfoReportsAMissingSliceAndExitsThreeForAnUnreadableFile() throws {
        XCTAssertEqual(try CLI.run(["phantom", "--out", folder.path, "--quiet"]).status, 0)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("CT/CT_0050.dcm"))
        try Data("DICM? no".utf8).write(to: folder.appendingPathComponent("CT/notes.txt"))
        let broken = folder.appendingPathComponent("PET/PET_0002.dcm")
        try Data(try Data(contentsOf: broken).prefix(300)).write(to: broken)
        let result = try CLI.run(["info", folder.path])
        XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("missing slices: 1 gap(s) up to 4.000 mm where the step is 2.000 mm (CT_0049.dcm … CT_0051.dcm)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("PET_0002.dcm"), result.stdout)
    }

    func testInfoOnAMissingFolderIsBadInput() throws {
        let result = try CLI.run(["info", folder.appendingPathComponent("nope").path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no such file or folder"), result.stderr)
    }

    func testBadUsageExitsTwo() throws {
        let result = try CLI.run(["diff", "a.png"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("Missing expected argument"), result.stderr)
    }

    func testDiffExitCodesAndJSON() throws {
        var gradient = Frame(width: 64, height: 48, format: .rgba8)
        gradient.fill(PixelRect(x: 0, y: 0, width: 64, height: 48), color: (r: 40, g: 80, b: 120, a: 255))
        var changed = gradient
        changed.fill(PixelRect(x: 10, y: 10, width: 4, height: 4), color: (r: 200, g: 80, b: 120, a: 255))
        let expected = folder.appendingPathComponent("expected"), actual = folder.appendingPathComponent("actual")
        try PNGCodec.write(gradient, to: expected.appendingPathComponent("same.png"))
        try PNGCodec.write(gradient, to: actual.appendingPathComponent("same.png"))
        try PNGCodec.write(gradient, to: expected.appendingPathComponent("sub/changed.png"))
        try PNGCodec.write(changed, to: actual.appendingPathComponent("sub/changed.png"))

        let diffs = folder.appendingPathComponent("diffs")
        let different = try CLI.run(["diff", expected.path, actual.path, "--diff-dir", diffs.path, "--json"])
        XCTAssertEqual(different.status, 1, different.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(different.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["same"] as? Int, 1)
        XCTAssertEqual(report["different"] as? Int, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: diffs.appendingPathComponent("sub/changed.diff.png").path))

        XCTAssertEqual(try CLI.run(["diff", expected.path, actual.path, "--max-fraction", "0.01"]).status, 0, "16 of 3072 pixels is within 1%")
        XCTAssertEqual(try CLI.run(["diff", expected.path, actual.path, "--tolerance", "160"]).status, 0)

        try FileManager.default.removeItem(at: actual.appendingPathComponent("same.png"))
        let missing = try CLI.run(["diff", expected.path, actual.path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stdout.contains("does not exist"), missing.stdout)
    }
}
