import ArgumentParser
import Foundation
import Jobs
import Loading

/// `lightbox thumbnails`: one picture per series over a whole archive, resumable and shardable.
struct ThumbnailsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thumbnails",
        abstract: "Write one thumbnail per DICOM series found under a folder, with a JSON report.",
        discussion: """
            Walks nested folders (following symbolic links; non-DICOM files are ignored), groups image instances \
            into series and writes \
            OUTDIR/<SeriesInstanceUID>.png: the middle slice of a volume, a whole-volume MIP for PET, or the \
            image of a single-image series. The report (OUTDIR/thumbnails.json, or thumbnails-shard-I-of-N.json) \
            lists every series with its UIDs, modality, slice count, output, status and error, every unreadable \
            file, and every DICOM object without an image (DICOMDIR, SR, presentation state…) as skipped.
            Runs resume: series whose thumbnail and report entry exist are skipped unless --force.
            --shard i/n takes a fixed share of the series (by a hash of the UID), so array jobs split an archive \
            with no coordinator.
            Exit codes: 0 all fine; 2 bad usage; 3 some files or series failed (the rest were written).

            With --dicomweb the series come from a DICOMweb server (QIDO-RS listing); only each series' middle \
            slice is fetched (the whole series for a PET MIP).

            Example: lightbox thumbnails /archive -o /thumbs --size 128 --jobs 2 --shard 0/4
            """
    )

    @Argument(help: ArgumentHelp("The archive folder (searched recursively); not with --dicomweb.", valueName: "archive"))
    var archive: String?
    @Option(help: ArgumentHelp("Take the series from a DICOMweb server instead: its WADO-RS/QIDO-RS root, e.g. https://pacs/dicom-web.", valueName: "url"))
    var dicomweb: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the thumbnails and the report (created if missing).", valueName: "dir"))
    var output: String
    @Option(parsing: .numeric, help: ArgumentHelp("Thumbnail width and height in pixels.", valueName: "px"))
    var size = 128
    @Option(parsing: .numeric, help: ArgumentHelp("Series processed in parallel.", valueName: "n"))
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(parsing: .numeric, help: ArgumentHelp("Process share i of n (0-based), e.g. 2/8.", valueName: "i/n"))
    var shard: String?
    @Flag(help: "Redo series that already have a thumbnail and a report entry.")
    var force = false
    @Flag(help: "Also write OUTDIR/index.html: a grid of every series in the folder's reports (description, modality, slices, status, warnings).")
    var index = false
    @OptionGroup var credentials: DICOMwebOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (archive == nil) != (dicomweb == nil) else { throw ValidationError("give an archive folder or --dicomweb URL (one of them)") }
        let sizes = ThumbnailsRequest.sizes, parallel = ThumbnailsRequest.parallelSeriesRange
        guard sizes.contains(size) else { throw ValidationError("--size must be \(sizes.lowerBound)…\(sizes.upperBound) pixels (got \(size))") }
        guard parallel.contains(jobs) else { throw ValidationError("--jobs must be \(parallel.lowerBound)…\(parallel.upperBound) (got \(jobs))") }
        if let shard, ThumbnailShard(shard) == nil { throw ValidationError("--shard must be \(ThumbnailShard.syntax) (got '\(shard)')") }
    }

    func run() async throws {
        let logger = global.makeLogger("lightbox.thumbnails")
        let request = ThumbnailsRequest(
            source: dicomweb.map { .dicomweb(root: $0) } ?? .folder(archive ?? "."), outputFolder: URL(fileURLWithPath: output),
            size: size, parallelSeries: jobs, shard: shard.flatMap(ThumbnailShard.init) ?? .whole, force: force)
        let session = LightboxSession(dicomweb: credentials.makeLoader(), cache: ImageVolumeCache(budgetBytes: 2 << 30))
        var bar: ProgressBar?
        let summary: ThumbnailsSummary
        do {
            summary = try await ThumbnailsJob(request).run(in: session) { event in
                switch event {
                case .planned(let found, let inShard, let toDo):
                    logger.debug("\(found) series in the archive, \(inShard) in shard \(request.shard), \(toDo) to do")
                    bar = ProgressBar(label: "thumbnails", unit: "series", total: toDo, quiet: global.quiet)
                case .finished(_, let done):
                    bar?.update(done)
                }
            }
            if index { try ThumbnailIndexPage.write(folder: request.outputFolder) }
        } catch { CommandError(error).exit() }
        if !global.quiet {
            let s = summary, skipped = s.skipped.summary.map { "; \($0)" } ?? ""
            print("\(s.seriesInShard) series in shard \(s.shard): \(s.written) written, \(s.alreadyDone) already done, \(s.failed) failed\(skipped); report \(s.report.path)")
        }
        if summary.failed > 0 { throw ExitCode(ExitStatus.partialFailure.rawValue) }
    }
}
