import ArgumentParser
import Foundation
import Jobs
import Loading

/// `lightbox info`: what a folder of DICOM files holds, series by series.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarise the DICOM series in folders or files: ids, grid, orientation, values, SUV, problems.",
        discussion: """
            Reads every file's header (never its pixels) to group series and check their geometry, then \
            streams each regular series once to report its value range.

            Example: lightbox info /data/study --json
            """
    )

    @Argument(help: ArgumentHelp("Series folders, files or file: ids.", valueName: "input"))
    var inputs: [String] = []

    @Option(name: .customLong("seg"), help: ArgumentHelp(
        "Also list a segmentation's segments (DICOM SEG, RTSTRUCT, NIfTI labels) with voxel counts and volumes in ml, on the grid of the input series when one is given (RTSTRUCT needs it). Repeatable.",
        valueName: "file"))
    var segmentations: [String] = []

    @Flag(name: .long, help: "Print a JSON report instead of text.")
    var json = false

    struct Report: Encodable {
        var series: [SeriesSummary]
        var unreadableFiles: [[String: String]]
        var skippedNonDICOM: Int
        var segmentations: [SegmentationSummary]?
    }

    func validate() throws {
        guard !inputs.isEmpty || !segmentations.isEmpty else { throw ValidationError("give series folders or files, or --seg") }
    }

    func run() async throws {
        var scan: SeriesScanner.Result?
        if !inputs.isEmpty {
            do { scan = try SeriesScan.scan(inputs) } catch { CommandError(error).exit() }
        }
        let series = scan?.series ?? [], failures = scan?.failures ?? []
        var summaries: [SeriesSummary] = []
        let session = LightboxSession(cache: ImageVolumeCache(budgetBytes: Int.max))
        for item in series { summaries.append(await SeriesSummary.inspect(item, in: session)) }
        let segs = await segmentationSummaries(image: series.first, in: session)
        let unreadable = failures.map { ["path": $0.path, "error": $0.error.description] }
        if json {
            try printJSON(Report(
                series: summaries, unreadableFiles: unreadable, skippedNonDICOM: scan?.skipped.count ?? 0,
                segmentations: segs.isEmpty ? nil : segs))
        } else {
            for summary in summaries { print(summary.lines.joined(separator: "\n")) }
            for summary in segs { print(summary.lines.joined(separator: "\n")) }
            for failure in failures { print("unreadable   \(failure.error)") }
        }
        if !failures.isEmpty { throw ExitCode(ExitStatus.partialFailure.rawValue) }
    }

    /// The `--seg` files, on the grid of `image` (the first series) when there is one.
    private func segmentationSummaries(image: SeriesScanner.Series?, in session: LightboxSession) async -> [SegmentationSummary] {
        do {
            var opened: OpenedSeries?
            if let image, !segmentations.isEmpty { opened = try await session.open(image) }
            let summaries = try segmentations.map { path throws(JobError) in try SegmentationSummary.inspect(path, image: opened?.streaming.volume) }
            if let opened { await session.release(opened) }
            return summaries
        } catch { CommandError(error).exit() }
    }
}
