import Foundation
import XCTest

/// End-to-end: `lightbox phantom --case` run as a process.
final class PhantomCaseCLITests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = CLI.temporaryFolder("phantom-case")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testCaseWritesOnlyTheNamedCasesOnceEach() throws {
        let result = try CLI.run(["phantom", "--case", "gap", "--case", "tilt", "--case", "gap", "--out", folder.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["gap", "tilt"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("gap").path).count, 47)
        XCTAssertEqual(result.stdout.split(separator: "\n"), [
            "gap: wrote 47 files to \(folder.appendingPathComponent("gap").path)",
            "tilt: wrote 50 files to \(folder.appendingPathComponent("tilt").path)",
        ])
    }

    func testCaseAllWritesEveryFolderAndRunsAgainOverItsOwnOutput() throws {
        for _ in 0..<2 {
            let result = try CLI.run(["phantom", "--case", "all", "--out", folder.path, "--quiet"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), [
            "dicomdir", "duplicates", "dynamic-pet", "dynamic-pet-frame-1", "dynamic-pet-frame-2", "dynamic-pet-frame-3",
            "dynamic-pet-frame-4", "gap", "localizer", "symlinks", "symlinks-target", "tilt", "uneven", "uneven-small", "varying-tilt",
        ])
    }

    func testUnknownCaseAndCaseWithCTSizeAreBadUsage() throws {
        let unknown = try CLI.run(["phantom", "--case", "wobble", "--out", folder.path])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("varying-tilt"), "the error lists the cases: \(unknown.stderr)")
        let sized = try CLI.run(["phantom", "--case", "tilt", "--ct-size", "64x64x10", "--out", folder.path])
        XCTAssertEqual(sized.status, 2)
        XCTAssertTrue(sized.stderr.contains("leave them out with --case"), sized.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("tilt").path))
    }

    func testAnUnwritableOutputIsBadUsageNamingThePath() throws {
        let blocker = folder.appendingPathComponent("file")
        try Data("not a folder".utf8).write(to: blocker)
        let result = try CLI.run(["phantom", "--case", "uneven", "--out", blocker.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("cannot create folder \(blocker.path)/uneven"), result.stderr)
    }
}
