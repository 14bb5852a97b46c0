import Foundation
import Jobs
import Phantom
import Raster
import XCTest

/// The thumbnails job through a session: what it draws, what it reports while it runs, that it leaves nothing in
/// the session's cache, that a second run resumes, and how shards split an archive.
final class ThumbnailsJobTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-thumbnails-job-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testPhantomThumbnailsReleaseEveryVolumeAndResume() async throws {
        let phantom = try PhantomWriter().write(to: folder.appendingPathComponent("phantom"))
        let request = ThumbnailsRequest(
            source: .folder(phantom.ctFolder.deletingLastPathComponent().path), outputFolder: folder.appendingPathComponent("thumbs"),
            size: 48, parallelSeries: 2)
        let session = LightboxSession()
        var planned: [Int] = []
        var finished: [ThumbnailReport.Entry] = []
        let summary = try await ThumbnailsJob(request).run(in: session) { event in
            switch event {
            case .planned(let found, let inShard, let toDo): planned = [found, inShard, toDo]
            case .finished(let entry, let done): finished.append(entry); XCTAssertEqual(done, finished.count)
            }
        }
        XCTAssertEqual(planned, [2, 2, 2])
        XCTAssertEqual([summary.seriesInShard, summary.written, summary.alreadyDone, summary.failed], [2, 2, 0, 0])
        XCTAssertEqual(Set(finished.map { "\($0.modality ?? "?") \($0.kind ?? "?")" }), ["CT middle slice", "PT MIP"])
        for entry in finished {
            let frame = try PNGCodec.read(contentsOf: request.outputFolder.appendingPathComponent(try XCTUnwrap(entry.output)))
            XCTAssertEqual([frame.width, frame.height], [48, 48])
        }
        XCTAssertEqual(session.manager.cache.volumeIDs, [], "the PET MIP's volume was released")
        XCTAssertEqual(session.manager.cache.usedBytes, 0)
        XCTAssertEqual(ThumbnailReport.load(summary.report)?.entries.count, 2)

        let again = try await ThumbnailsJob(request).run(in: session) { event in
            if case .planned(_, _, let toDo) = event { XCTAssertEqual(toDo, 0) }
        }
        XCTAssertEqual([again.written, again.alreadyDone], [0, 2])
    }

    /// A restarted task runs its shard again: the report is replaced (not appended to) and comes out byte for byte
    /// the same, only missing thumbnails are drawn again, and no temporary file is left behind.
    func testRerunningAShardIsIdempotent() async throws {
        let archive = folder.appendingPathComponent("archive"), out = folder.appendingPathComponent("thumbs")
        try SyntheticArchive(seriesCount: 16, slicesPerSeries: 2, rows: 16, columns: 16).write(to: archive)
        var request = ThumbnailsRequest(
            source: .folder(archive.path), outputFolder: out, size: 24, parallelSeries: 2, shard: ThumbnailShard(index: 1, count: 2), layout: .hashed)
        let session = LightboxSession()
        let first = try await ThumbnailsJob(request).run(in: session)
        XCTAssertEqual(first.report.lastPathComponent, "thumbnails-shard-1-of-2.json")
        let report = try Data(contentsOf: first.report)
        let entries = try XCTUnwrap(ThumbnailReport.load(first.report)).entries
        XCTAssertEqual(entries.count, first.seriesInShard)
        XCTAssertGreaterThan(first.seriesInShard, 3)
        var pictures: [String: Data] = [:]
        for entry in entries {
            let path = try XCTUnwrap(entry.output)
            XCTAssertEqual(path, ThumbnailLayout.hashed.path(seriesUID: try XCTUnwrap(entry.seriesInstanceUID), studyUID: nil))
            pictures[path] = try Data(contentsOf: out.appendingPathComponent(path))
        }

        let again = try await ThumbnailsJob(request).run(in: session)
        XCTAssertEqual([again.written, again.alreadyDone], [0, first.seriesInShard])
        XCTAssertEqual(try Data(contentsOf: again.report), report)

        let lost = try XCTUnwrap(entries.last?.output)
        try FileManager.default.removeItem(at: out.appendingPathComponent(lost))
        let restarted = try await ThumbnailsJob(request).run(in: session)
        XCTAssertEqual([restarted.written, restarted.alreadyDone], [1, first.seriesInShard - 1])
        XCTAssertEqual(try Data(contentsOf: restarted.report), report)

        request.force = true
        let forced = try await ThumbnailsJob(request).run(in: session)
        XCTAssertEqual(forced.written, first.seriesInShard)
        XCTAssertEqual(try Data(contentsOf: forced.report), report)
        for (path, data) in pictures { XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(path)), data, path) }
        let files = try XCTUnwrap(FileManager.default.enumerator(atPath: out.path)).compactMap { $0 as? String }
        XCTAssertEqual(files.filter { URL(fileURLWithPath: $0).lastPathComponent.hasPrefix(".") }, [], "temporary files left")
        XCTAssertEqual(files.filter { $0.hasSuffix(".png") }.count, first.seriesInShard)

        request.force = false
        request.layout = .studySeries
        let relaid = try await ThumbnailsJob(request).run(in: session)
        XCTAssertEqual(relaid.written, first.seriesInShard, "a report of another layout keeps nothing")
        XCTAssertEqual(ThumbnailReport.load(relaid.report)?.layout, .studySeries)
        let entry = try XCTUnwrap(ThumbnailReport.load(relaid.report)?.entries.first)
        let uid = try XCTUnwrap(entry.seriesInstanceUID)
        XCTAssertEqual(entry.output, "\(uid).0/\(uid).png", "the synthetic study UID is the series UID + .0")
    }

    /// The report on disk grows as series finish (checkpoints), so a task killed midway resumes from there.
    func testTheReportIsSavedWhileTheRunGoesOn() async throws {
        let archive = folder.appendingPathComponent("archive")
        try SyntheticArchive(seriesCount: 5, slicesPerSeries: 2, rows: 16, columns: 16).write(to: archive)
        var request = ThumbnailsRequest(source: .folder(archive.path), outputFolder: folder.appendingPathComponent("thumbs"), size: 24, parallelSeries: 1)
        request.checkpointSeconds = 0
        var onDisk: [Int] = []
        _ = try await ThumbnailsJob(request).run(in: LightboxSession()) { event in
            guard case .finished = event else { return }
            onDisk.append(ThumbnailReport.load(request.reportURL)?.entries.filter { $0.seriesInstanceUID != nil }.count ?? -1)
        }
        XCTAssertEqual(onDisk, [1, 2, 3, 4, 5])
    }

    func testShardsSplitAnArchiveExactlyOnce() throws {
        XCTAssertEqual(ThumbnailShard("2/8"), ThumbnailShard(index: 2, count: 8))
        for bad in ["3/3", "-1/2", "1", "a/b", "1/0"] { XCTAssertNil(ThumbnailShard(bad), bad) }
        XCTAssertEqual(ThumbnailShard.whole.reportFileName, "thumbnails.json")
        XCTAssertEqual(ThumbnailShard(index: 1, count: 3).reportFileName, "thumbnails-shard-1-of-3.json")
        let shards = (0..<3).map { ThumbnailShard(index: $0, count: 3) }
        for n in 0..<100 {
            let uid = SyntheticArchive.seriesUID(n)
            XCTAssertEqual(shards.filter { $0.owns(uid) }.count, 1, uid)
        }
    }

    func testABadRequestIsBadInput() async throws {
        let session = LightboxSession()
        let output = folder.appendingPathComponent("out")
        for request in [ThumbnailsRequest(source: .folder(folder.path), outputFolder: output, size: 8),
                        ThumbnailsRequest(source: .folder(folder.path), outputFolder: output, parallelSeries: 0),
                        ThumbnailsRequest(source: .dicomweb(root: "http://127.0.0.1:9/dicom-web"), outputFolder: output)] {
            do {
                _ = try await ThumbnailsJob(request).run(in: session)
                XCTFail("\(request.source) ran")
            } catch {
                guard case .badInput = error else { return XCTFail("\(error)") }
            }
        }
    }
}
