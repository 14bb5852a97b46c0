import Foundation
import Loading

/// The thumbnails job: one picture per series of an archive (folder or DICOMweb server), `parallelSeries` at a
/// time, over the session's loaders, cache and render engine, with a JSON report that a later run of the same
/// shard resumes from. The report is also saved while the run goes on (every `checkpointSeconds`), so a task
/// killed midway resumes from there. Every volume is released, and every header forgotten, as soon as its series
/// is done.
public struct ThumbnailsJob: Sendable {
    public let request: ThumbnailsRequest

    public init(_ request: ThumbnailsRequest) {
        self.request = request
    }

    /// Runs the job and writes the report. Series and files that failed are in the report and counted in the
    /// summary (`failed`); only a source that cannot be listed or a report that cannot be written is an error.
    public func run(in session: LightboxSession, progress: (ThumbnailsProgress) -> Void = { _ in }) async throws(JobError) -> ThumbnailsSummary {
        try request.check()
        let shard = request.shard
        let listing = try await ThumbnailListing.list(request.source, in: session)
        let mine = listing.series.filter { shard.owns($0.seriesInstanceUID) }
        let kept = request.force ? [:] : ThumbnailReport.load(request.reportURL)?.finished(layout: request.layout, in: request.outputFolder) ?? [:]
        let todo = mine.filter { kept[$0.seriesInstanceUID] == nil }
        progress(.planned(found: listing.series.count, inShard: mine.count, toDo: todo.count))

        let segmentations = try request.segmentationFolder.map { folder throws(JobError) in try SegmentationIndex(scanning: folder) } ?? SegmentationIndex()
        let needsEngine = todo.contains { series in
            if case .dicomweb = series { return true }
            return series.modality == "PT" || !segmentations[series.seriesInstanceUID].isEmpty
        }
        var maker = ThumbnailMaker(
            size: request.size, folder: request.outputFolder, layout: request.layout, session: session, engine: needsEngine ? try? session.renderEngine() : nil)
        maker.segmentations = segmentations
        let unreadable = listing.unreadableFiles.filter { shard.owns($0.path) }.map {
            ThumbnailReport.Entry(instances: 1, slices: 0, status: .error, error: $0.error.description, file: $0.path)
        }
        let nonImage = listing.nonImageObjects.filter { shard.owns($0.path) }.map {
            ThumbnailReport.Entry(instances: 1, slices: 0, status: .skipped, error: $0.reason, file: $0.path)
        }
        func report(_ made: [ThumbnailReport.Entry]) -> ThumbnailReport {
            let series = (Array(kept.values) + made).sorted { ($0.seriesInstanceUID ?? "") < ($1.seriesInstanceUID ?? "") }
            return ThumbnailReport(shard: shard.description, layout: request.layout, entries: series + unreadable + nonImage)
        }
        var saved = ContinuousClock.now
        let made = await Self.make(todo, with: maker, parallel: request.parallelSeries) { made in
            // A checkpoint that cannot be written is not fatal: the final save below reports the error.
            if ContinuousClock.now - saved >= .seconds(request.checkpointSeconds) {
                try? report(made).save(request.reportURL)
                saved = ContinuousClock.now
            }
            progress(.finished(made[made.count - 1], done: made.count))
        }
        try report(made).save(request.reportURL)

        let skipped = SkippedFiles(
            nonDICOM: listing.nonDICOMFiles.filter(shard.owns).count, nonImage: nonImage.count,
            brokenLinks: listing.brokenLinks.filter(shard.owns).count)
        return ThumbnailsSummary(
            shard: shard, seriesInShard: mine.count, written: made.filter { $0.status == .ok }.count, alreadyDone: kept.count,
            failed: made.filter { $0.status == .error }.count + unreadable.count, skipped: skipped, report: request.reportURL)
    }

    /// The entries of `todo`, `parallel` series at a time, in the order they finish; `finished` sees them so far
    /// after each one.
    private static func make(
        _ todo: [ThumbnailSeries], with maker: ThumbnailMaker, parallel: Int, finished: ([ThumbnailReport.Entry]) -> Void
    ) async -> [ThumbnailReport.Entry] {
        await withTaskGroup(of: ThumbnailReport.Entry.self) { group in
            var made: [ThumbnailReport.Entry] = []
            var next = 0
            func addNext() {
                guard next < todo.count else { return }
                let series = todo[next]
                next += 1
                group.addTask { await maker.entry(for: series) }
            }
            for _ in 0..<parallel { addNext() }
            while let entry = await group.next() {
                made.append(entry)
                finished(made)
                addNext()
            }
            return made
        }
    }
}
