import ArgumentParser
import Foundation
import Jobs
import Loading

/// `lightbox info`: what a folder of DICOM files holds, series by series.
struct InfoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarise the DICOM series in folders or files, and NIfTI files: ids, grid, orientation, values, SUV, problems.",
        discussion: """
            Reads every file's header (never its pixels) to group series and check their geometry, then \
            streams each regular series once to report its value range. A .nii or .nii.gz input is summarised \
            as the volume it renders as, with its header's datatype, scaling and affine source.

            Example: lightbox info /data/study --json
            """
    )

    @Argument(help: ArgumentHelp("Series folders, files or file: ids; NIfTI files (.nii, .nii.gz) or nifti: ids.", valueName: "input"))
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
        var niftiPaths: [String] = [], dicomInputs: [String] = []
        for input in inputs {
            if case .nifti(let path) = SeriesInput(arguments: [input]) { niftiPaths.append(path) } else { dicomInputs.append(input) }
        }
        var scan: SeriesScanner.Result?
        if !dicomInputs.isEmpty {
            do { scan = try SeriesScan.scan(dicomInputs) } catch { CommandError(error).exit() }
        }
        let series = scan?.series ?? [], failures = scan?.failures ?? []
        var summaries: [SeriesSummary] = []
        let session = LightboxSession(cache: ImageVolumeCache(budgetBytes: Int.max))
        for item in series { summaries.append(await SeriesSummary.inspect(item, in: session)) }
        var niftiSummaries: [SeriesSummary] = []
        for path in niftiPaths { niftiSummaries.append(await SeriesSummary.inspect(nifti: path, in: session)) }
        summaries += niftiSummaries
        let segs = await segmentationSummaries(scanned: series.first, nifti: niftiPaths.first, in: session)
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
        let unreadableNIfTI = niftiSummaries.contains { $0.dimensions == nil }
        if !failures.isEmpty || unreadableNIfTI { throw ExitCode(ExitStatus.partialFailure.rawValue) }
    }

    /// The `--seg` files, on the grid of the first DICOM series (`scanned`), else of the first NIfTI file, when there
    /// is one.
    private func segmentationSummaries(scanned: SeriesScanner.Series?, nifti: String?, in session: LightboxSession) async -> [SegmentationSummary] {
        do {
            var opened: OpenedSeries?
            if !segmentations.isEmpty {
                if let scanned { opened = try await session.open(scanned) } else if let nifti { opened = try await session.open(.nifti(nifti)) }
            }
            let summaries = try segmentations.map { path throws(JobError) in try SegmentationSummary.inspect(path, image: opened?.streaming.volume) }
            if let opened { await session.release(opened) }
            return summaries
        } catch { CommandError(error).exit() }
    }
}
