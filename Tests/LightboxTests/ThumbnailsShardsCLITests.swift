import Foundation
import Phantom
import XCTest

/// `thumbnails --shard auto` as array-job tasks of each engine, then `thumbnails merge`, against one run over the
/// whole archive; and the errors of an environment that names no shard or an incomplete set of reports.
final class ThumbnailsShardsCLITests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws { folder = CLI.temporaryFolder("shards") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    struct Report: Decodable {
        struct Entry: Decodable, Equatable { var seriesInstanceUID: String?; var file: String?; var status: String; var output: String? }
        var shard: String
        var layout: String
        var entries: [Entry]
    }

    private func report(_ url: URL) throws -> Report { try JSONDecoder().decode(Report.self, from: Data(contentsOf: url)) }

    func testEveryEngineRunsOneShardAndTheMergeIsTheWholeArchive() throws {
        let archive = folder.appendingPathComponent("archive"), out = folder.appendingPathComponent("thumbs")
        let phantom = try CLI.run(["phantom", "--archive", "20", "--out", archive.path, "--quiet"])
        XCTAssertEqual(phantom.status, 0, phantom.stderr)
        let broken = archive.appendingPathComponent("study001/series00012/IM0001.dcm")
        try Data(contentsOf: broken).prefix(200).write(to: broken)

        let tasks: [(environment: [String: String], extra: [String])] = [
            (["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "4"], []),
            (["JOB_COMPLETION_INDEX": "1"], ["--shard-count", "4"]),
            (["AWS_BATCH_JOB_ARRAY_INDEX": "2", "AWS_BATCH_JOB_ARRAY_SIZE": "4"], []),
            (["BATCH_TASK_INDEX": "3", "BATCH_TASK_COUNT": "4"], []),
        ]
        for (index, task) in tasks.enumerated() {
            let run = try CLI.run(["thumbnails", archive.path, "-o", out.path, "--size", "32", "--jobs", "1", "--layout", "study/series", "--shard", "auto"] + task.extra,
                                  environment: task.environment)
            XCTAssertTrue([0, 3].contains(run.status), run.stderr)
            XCTAssertTrue(run.stdout.contains("in shard \(index)/4"), run.stdout)
        }
        let reports = (0..<4).map { out.appendingPathComponent("thumbnails-shard-\($0)-of-4.json").path }

        let partial = try CLI.run(["thumbnails", "merge"] + reports.dropLast() + ["-o", out.appendingPathComponent("thumbnails.json").path])
        XCTAssertEqual(partial.status, 2)
        XCTAssertTrue(partial.stderr.contains("shards missing: 3/4"), partial.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent("thumbnails.json").path), "nothing written")
        let twice = try CLI.run(["thumbnails", "merge"] + reports + [reports[0], "-o", folder.appendingPathComponent("m.json").path])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("shards given twice: 0/4") && twice.stderr.contains("series in more than one entry"), twice.stderr)

        let merge = try CLI.run(["thumbnails", "merge"] + reports + ["-o", out.appendingPathComponent("thumbnails.json").path])
        XCTAssertEqual(merge.status, 3, "the broken file is a failure in the merged report: \(merge.stderr)")
        XCTAssertTrue(merge.stdout.contains("20 series, 1 files, 1 failed"), merge.stdout)
        let merged = try report(out.appendingPathComponent("thumbnails.json"))
        XCTAssertEqual([merged.shard, merged.layout], ["0/1", "study/series"])
        let uids = merged.entries.compactMap(\.seriesInstanceUID)
        XCTAssertEqual(uids, (0..<20).map(SyntheticArchive.seriesUID).sorted())
        for entry in merged.entries where entry.seriesInstanceUID != nil {
            let uid = try XCTUnwrap(entry.seriesInstanceUID)
            XCTAssertEqual(entry.output, "\(uid).0/\(uid).png")
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(try XCTUnwrap(entry.output)).path), uid)
        }

        let wholeOut = folder.appendingPathComponent("whole")
        XCTAssertEqual(try CLI.run(["thumbnails", archive.path, "-o", wholeOut.path, "--size", "32", "--layout", "study/series", "--quiet"]).status, 3)
        let whole = try report(wholeOut.appendingPathComponent("thumbnails.json"))
        XCTAssertEqual(whole.entries.filter { $0.seriesInstanceUID != nil }, merged.entries.filter { $0.seriesInstanceUID != nil })
        XCTAssertEqual(whole.entries.compactMap(\.file), merged.entries.compactMap(\.file))

        let resumed = try CLI.run(["thumbnails", archive.path, "-o", out.path, "--size", "32", "--layout", "study/series"])
        XCTAssertTrue(resumed.stdout.contains("0 written, 20 already done"), "a whole run resumes from the merged report: \(resumed.stdout)")
    }

    func testAnEnvironmentWithoutAShardIsBadUsage() throws {
        let out = folder.appendingPathComponent("out").path
        let none = try CLI.run(["thumbnails", folder.path, "-o", out, "--shard", "auto"])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("found no array-job index"), none.stderr)
        let noCount = try CLI.run(["thumbnails", folder.path, "-o", out, "--shard", "auto"], environment: ["JOB_COMPLETION_INDEX": "0"])
        XCTAssertEqual(noCount.status, 2)
        XCTAssertTrue(noCount.stderr.contains("--shard-count N or set LIGHTBOX_SHARD_COUNT"), noCount.stderr)
        let offStep = try CLI.run(["thumbnails", folder.path, "-o", out, "--shard", "auto"], environment: [
            "SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_STEP": "2", "SLURM_ARRAY_TASK_COUNT": "4"])
        XCTAssertEqual(offStep.status, 2)
        XCTAssertTrue(offStep.stderr.contains("task 2 is not in the range 1-7:2"), offStep.stderr)
        let countAlone = try CLI.run(["thumbnails", folder.path, "-o", out, "--shard", "1/4", "--shard-count", "4"])
        XCTAssertEqual(countAlone.status, 2)
        XCTAssertTrue(countAlone.stderr.contains("--shard-count goes with --shard auto"), countAlone.stderr)
        XCTAssertEqual(try CLI.run(["thumbnails", "merge", "-o", out]).status, 2)
        XCTAssertEqual(try CLI.run(["phantom", "--archive", "0", "--out", out]).status, 2)
    }
}
