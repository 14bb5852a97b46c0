import Foundation
import Jobs
import Phantom
import XCTest

/// Merging shard reports: a complete set becomes one report of the whole archive; missing or repeated shards,
/// duplicated or misplaced series, and reports of other runs are refused with what is wrong. Also the layouts.
final class ThumbnailReportMergeTests: XCTestCase {
    let root = URL(fileURLWithPath: "/archive-out")
    let uids = (0..<30).map(SyntheticArchive.seriesUID)

    /// The report of shard `index` of `count` as a run writes it, in `folder` (default: `root`).
    private func part(_ index: Int, of count: Int, layout: ThumbnailLayout = .hashed, folder: String? = nil, extra: [String] = []) -> ThumbnailReportMerge.Part {
        let shard = ThumbnailShard(index: index, count: count)
        let entries = (uids.filter(shard.owns) + extra).map {
            ThumbnailReport.Entry(seriesInstanceUID: $0, instances: 3, slices: 3, output: layout.path(seriesUID: $0, studyUID: "1.2"), status: .ok)
        } + [ThumbnailReport.Entry(instances: 1, slices: 0, status: .error, error: "truncated", file: "/archive/broken-\(index).dcm")]
        let base = folder.map { root.appendingPathComponent($0) } ?? root
        return .init(url: base.appendingPathComponent(shard.reportFileName), report: ThumbnailReport(shard: shard.description, layout: layout, entries: entries))
    }

    private func problems(_ parts: [ThumbnailReportMerge.Part]) -> ThumbnailMergeError? {
        do { _ = try ThumbnailReportMerge(parts).merged(for: root.appendingPathComponent("thumbnails.json")); return nil } catch { return error }
    }

    func testEveryShardOnceMergesIntoTheWholeArchive() throws {
        let merged = try ThumbnailReportMerge([part(2, of: 3), part(0, of: 3), part(1, of: 3)]).merged(for: root.appendingPathComponent("thumbnails.json"))
        XCTAssertEqual(merged.shard, "0/1")
        XCTAssertEqual(merged.layout, .hashed)
        XCTAssertEqual(merged.entries.compactMap(\.seriesInstanceUID), uids.sorted())
        XCTAssertEqual(merged.entries.compactMap(\.file), ["/archive/broken-0.dcm", "/archive/broken-1.dcm", "/archive/broken-2.dcm"])
        XCTAssertEqual(merged.entries.first?.output, ThumbnailLayout.hashed.path(seriesUID: uids.sorted()[0], studyUID: nil))
        let whole = try ThumbnailReportMerge([part(0, of: 1)]).merged(for: root.appendingPathComponent("merged.json"))
        XCTAssertEqual(whole.entries.compactMap(\.seriesInstanceUID), uids.sorted())
    }

    func testThumbnailPathsAreRewrittenRelativeToTheMergedReport() throws {
        let parts = [part(0, of: 2, layout: .flat, folder: "node-a"), part(1, of: 2, layout: .flat, folder: "node-b/out")]
        let here = try ThumbnailReportMerge(parts).merged(for: root.appendingPathComponent("thumbnails.json"))
        let uid0 = uids.first(where: ThumbnailShard(index: 0, count: 2).owns)!, uid1 = uids.first(where: ThumbnailShard(index: 1, count: 2).owns)!
        let outputs = Dictionary(uniqueKeysWithValues: here.entries.compactMap { e in e.seriesInstanceUID.map { ($0, e.output ?? "") } })
        XCTAssertEqual(outputs[uid0], "node-a/\(uid0).png")
        XCTAssertEqual(outputs[uid1], "node-b/out/\(uid1).png")
        let elsewhere = try ThumbnailReportMerge(parts).merged(for: root.appendingPathComponent("reports/all/thumbnails.json"))
        XCTAssertEqual(elsewhere.entries.first { $0.seriesInstanceUID == uid0 }?.output, "../../node-a/\(uid0).png")
    }

    func testMissingShardsAndDuplicatedSeriesAreListed() throws {
        let stray = uids.first(where: ThumbnailShard(index: 3, count: 4).owns)!
        guard case .incomplete(let found) = problems([part(0, of: 4, extra: [stray]), part(3, of: 4)]) else { return XCTFail("merged") }
        XCTAssertEqual(found.missingShards, [1, 2])
        XCTAssertEqual(found.duplicatedSeries, [stray])
        XCTAssertEqual(found.misplacedSeries, ["\(stray) in shard 0/4"])
        XCTAssertEqual(found.repeatedShards, [])
        let message = ThumbnailMergeError.incomplete(found).description
        XCTAssertTrue(message.contains("shards missing: 1/4, 2/4"), message)
        XCTAssertTrue(message.contains("series in more than one entry: \(stray)"), message)

        guard case .incomplete(let twice) = problems([part(0, of: 2), part(1, of: 2), part(1, of: 2)]) else { return XCTFail("merged") }
        XCTAssertEqual(twice.repeatedShards, [1])
        XCTAssertEqual(twice.missingShards, [])
        XCTAssertEqual(twice.duplicatedFiles, ["/archive/broken-1.dcm"])
        XCTAssertEqual(twice.duplicatedSeries, Set(uids.filter(ThumbnailShard(index: 1, count: 2).owns)))
    }

    func testReportsOfDifferentRunsAreRefused() throws {
        XCTAssertEqual(problems([]), .noReports)
        XCTAssertEqual(problems([part(0, of: 2), part(1, of: 3)]), .countsDiffer(["thumbnails-shard-0-of-2.json: 0/2", "thumbnails-shard-1-of-3.json: 1/3"]))
        XCTAssertEqual(problems([part(0, of: 2), part(1, of: 2, layout: .flat)]),
                       .layoutsDiffer(["thumbnails-shard-0-of-2.json: hashed", "thumbnails-shard-1-of-2.json: flat"]))
        var odd = part(0, of: 2)
        odd.report.shard = "two"
        XCTAssertEqual(problems([odd]), .notAShardReport(path: odd.url.path, shard: "two"))

        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-report-\(UUID().uuidString).json")
        XCTAssertThrowsError(try ThumbnailReportMerge(contentsOf: [missing])) { error in
            guard case .unreadable(let path, _)? = error as? ThumbnailMergeError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, missing.path)
        }
    }

    func testLayoutsPlaceThumbnailsInsideTheOutputFolder() {
        XCTAssertEqual(ThumbnailLayout.flat.path(seriesUID: "1.2.3", studyUID: "1.2"), "1.2.3.png")
        XCTAssertEqual(ThumbnailLayout.studySeries.path(seriesUID: "1.2.3", studyUID: "1.2"), "1.2/1.2.3.png")
        XCTAssertEqual(ThumbnailLayout.studySeries.path(seriesUID: "1.2.3", studyUID: nil), "_/1.2.3.png")
        // FNV-1a 64 of "1.2.3" is 0x46b4eda8f24b74af, mixed by fmix64 0x3f1fb04b70d30a9f (computed independently).
        XCTAssertEqual(ThumbnailLayout.hashed.path(seriesUID: "1.2.3", studyUID: "1.2"), "3f/1f/1.2.3.png")
        XCTAssertEqual(ThumbnailLayout.studySeries.path(seriesUID: "../x", studyUID: ".."), "_../_..__.png")
        XCTAssertEqual(ThumbnailLayout(rawValue: "study/series"), .studySeries)
        let folders = Set((0..<2000).map { ThumbnailLayout.hashed.path(seriesUID: SyntheticArchive.seriesUID($0), studyUID: nil).prefix(2) })
        XCTAssertGreaterThan(folders.count, 240, "2,000 series spread over the 256 first-level folders")
    }
}
