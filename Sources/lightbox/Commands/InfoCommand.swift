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
    var inputs: [String]

    @Flag(name: .long, help: "Print a JSON report instead of text.")
    var json = false

    struct Report: Encodable {
        var series: [SeriesSummary]
        var unreadableFiles: [[String: String]]
        var skippedNonDICOM: Int
    }

    func run() async throws {
        let scan: SeriesScanner.Result
        do { scan = try SeriesScan.scan(inputs) } catch { CommandError(error).exit() }
        var summaries: [SeriesSummary] = []
        let session = LightboxSession(cache: ImageVolumeCache(budgetBytes: Int.max))
        for series in scan.series { summaries.append(await SeriesSummary.inspect(series, in: session)) }
        let unreadable = scan.failures.map { ["path": $0.path, "error": $0.error.description] }
        if json {
            try printJSON(Report(series: summaries, unreadableFiles: unreadable, skippedNonDICOM: scan.skipped.count))
        } else {
            for summary in summaries { print(summary.lines.joined(separator: "\n")) }
            for failure in scan.failures { print("unreadable   \(failure.error)") }
        }
        if !scan.failures.isEmpty { throw ExitCode(ExitStatus.partialFailure.rawValue) }
    }
}
