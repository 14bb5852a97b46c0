import ArgumentParser
import Foundation
import Jobs
import Loading
import Logging

/// `lightbox thumbnails`: `run` (the default) writes the thumbnails of an archive or a shard of it; `merge`
/// joins the shards' reports.
struct ThumbnailsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thumbnails",
        abstract: "Write one thumbnail per DICOM series with a JSON report (run, the default), or merge shard reports.",
        discussion: "`lightbox thumbnails ARCHIVE -o DIR …` is `lightbox thumbnails run ARCHIVE -o DIR …`; see `lightbox thumbnails run --help`.",
        subcommands: [ThumbnailsRunCommand.self, ThumbnailsMergeCommand.self],
        defaultSubcommand: ThumbnailsRunCommand.self
    )
}

/// `lightbox thumbnails [run]`: one picture per series over a whole archive, resumable and shardable.
struct ThumbnailsRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Write one thumbnail per DICOM series found under a folder, with a JSON report.",
        discussion: """
            Walks nested folders (following symbolic links; non-DICOM files are ignored), groups image instances \
            into series and writes one PNG per series: the middle slice of a volume, a whole-volume MIP for PET, \
            or the image of a single-image series. The report (OUTDIR/thumbnails.json, or \
            thumbnails-shard-I-of-N.json) lists every series with its UIDs, modality, slice count, output (the \
            PNG's path relative to OUTDIR), status and error, every unreadable file, and every DICOM object without \
            an image (DICOMDIR, SR, presentation state…) as skipped.
            --layout places the PNGs: flat (OUTDIR/<SeriesUID>.png), study/series (OUTDIR/<StudyUID>/<SeriesUID>.png) \
            or hashed (OUTDIR/ab/cd/<SeriesUID>.png, abcd the first hex digits of a hash of the series UID: for \
            archives of millions of series).
            Runs resume: series whose thumbnail and report entry exist are kept unless --force; a shard run again \
            (a restarted task) replaces its report, redoing only what is missing. Thumbnails and reports are \
            written to a temporary file and renamed, so a killed run leaves no partial file; the report is saved \
            every 30 s as the run goes on, so a killed run resumes from there.
            --shard i/n takes a fixed share of the series (by a hash of the UID), so array jobs split an archive \
            with no coordinator. --shard auto reads the share from the array-job variables of Slurm \
            (SLURM_ARRAY_TASK_ID/MIN/MAX/STEP/COUNT; ids by position, so --array=1-7:2 is shards 0…3 of 4), \
            Kubernetes Indexed Jobs (JOB_COMPLETION_INDEX, with --shard-count or LIGHTBOX_SHARD_COUNT), AWS Batch \
            (AWS_BATCH_JOB_ARRAY_INDEX, AWS_BATCH_JOB_ARRAY_SIZE) or Google Cloud Batch (BATCH_TASK_INDEX, \
            BATCH_TASK_COUNT). Join the shards' reports with `lightbox thumbnails merge`.
            Exit codes: 0 all fine; 2 bad usage (also: --shard auto outside an array job, or inconsistent \
            variables); 3 some files or series failed (the rest were written).

            With --dicomweb the series come from a DICOMweb server (QIDO-RS listing); only each series' middle \
            slice is fetched (the whole series for a PET MIP).

            Examples:
              lightbox thumbnails /archive -o /thumbs --size 128 --jobs 2 --shard 0/4
              lightbox thumbnails /archive -o /thumbs --layout hashed --shard auto     (in each array-job task)
              lightbox thumbnails merge /thumbs/thumbnails-shard-*-of-4.json -o /thumbs/thumbnails.json
            """
    )

    @Argument(help: ArgumentHelp("The archive folder (searched recursively); not with --dicomweb.", valueName: "archive"))
    var archive: String?
    // Kept without the DICOMweb trait too, so that such a build says why it cannot list a server.
    @Option(help: ArgumentHelp("Take the series from a DICOMweb server instead: its WADO-RS/QIDO-RS root, e.g. https://pacs/dicom-web.", valueName: "url"))
    var dicomweb: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the thumbnails and the report (created if missing).", valueName: "dir"))
    var output: String
    @Option(parsing: .numeric, help: ArgumentHelp("Thumbnail width and height in pixels.", valueName: "px"))
    var size = 128
    @Option(parsing: .numeric, help: ArgumentHelp("Series processed in parallel.", valueName: "n"))
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(parsing: .numeric, help: ArgumentHelp("Process share i of n (0-based), e.g. 2/8, or 'auto': the share of this array-job task.", valueName: "i/n|auto"))
    var shard: String?
    @Option(parsing: .numeric, help: ArgumentHelp("With --shard auto: the number of shards where the engine sets none (Kubernetes: the completions; else LIGHTBOX_SHARD_COUNT).", valueName: "n"))
    var shardCount: Int?
    @Option(help: ArgumentHelp("Where the PNGs go below OUTDIR: flat, study/series or hashed.", valueName: "layout"))
    var layout: ThumbnailLayout = .flat
    @Flag(help: "Redo series that already have a thumbnail and a report entry.")
    var force = false
    @Flag(help: "Also write OUTDIR/index.html: a grid of every series in the folder's reports (description, modality, slices, status, warnings).")
    var index = false
    @Option(name: .customLong("seg-from"), help: ArgumentHelp(
        "A folder of DICOM SEG and RTSTRUCT files (searched recursively): each is drawn on the thumbnail of the series its ReferencedSeriesSequence names (PET: the outline over the MIP). With an archive folder only.", valueName: "dir"))
    var segFrom: String?
    @OptionGroup var credentials: DICOMwebOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (archive == nil) != (dicomweb == nil) else { throw ValidationError("give an archive folder or --dicomweb URL (one of them)") }
        let sizes = ThumbnailsRequest.sizes, parallel = ThumbnailsRequest.parallelSeriesRange
        guard sizes.contains(size) else { throw ValidationError("--size must be \(sizes.lowerBound)…\(sizes.upperBound) pixels (got \(size))") }
        guard parallel.contains(jobs) else { throw ValidationError("--jobs must be \(parallel.lowerBound)…\(parallel.upperBound) (got \(jobs))") }
        if let shard, shard != "auto", ThumbnailShard(shard) == nil { throw ValidationError("--shard must be \(ThumbnailShard.syntax), or auto (got '\(shard)')") }
        if shardCount != nil, shard != "auto" { throw ValidationError("--shard-count goes with --shard auto") }
        if segFrom != nil, dicomweb != nil { throw ValidationError("--seg-from works with an archive folder, not --dicomweb") }
    }

    /// The shard asked for: fixed, read from the array-job environment, or the whole archive.
    private func chosenShard(_ logger: Logger) -> ThumbnailShard {
        guard let shard else { return .whole }
        guard shard == "auto" else { return ThumbnailShard(shard) ?? .whole }
        do {
            let found = try ArrayJobShard(environment: ProcessInfo.processInfo.environment, count: shardCount)
            logger.debug("shard \(found.shard) of the \(found.engine)")
            return found.shard
        } catch { CommandError.badInput(error.description).exit() }
    }

    func run() async throws {
        let logger = global.makeLogger("lightbox.thumbnails")
        var request = ThumbnailsRequest(
            source: dicomweb.map { .dicomweb(root: $0) } ?? .folder(archive ?? "."), outputFolder: URL(fileURLWithPath: output),
            size: size, parallelSeries: jobs, shard: chosenShard(logger), layout: layout, force: force)
        request.segmentationFolder = segFrom
        let session = credentials.session(cache: ImageVolumeCache(budgetBytes: 2 << 30))
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

extension ThumbnailLayout: ExpressibleByArgument {}
