import ArgumentParser
import Foundation
import Loading

extension BenchCommand {
    /// `lightbox bench read`: Part 10 read speed.
    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Part 10 read speed: metadata-only and full reads beside raw byte reads of the same files.",
            discussion: "Example: lightbox bench read /data/ct-series --runs 7")

        @Argument(help: ArgumentHelp("A folder of DICOM files (read recursively).", valueName: "dir"))
        var folder: String
        @Option(parsing: .numeric, help: "Timed runs; the median is reported (≥ 5 recommended).")
        var runs = 5
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            let files = try SeriesScanner.files(under: [URL(fileURLWithPath: folder)])
            guard !files.isEmpty else { throw CommandError.badInput("no files under \(folder)") }
            let result = try ReadBenchmark(files: files, runs: max(1, runs)).run()
            if json { try printJSON(result) } else { ReadBenchmark.printTable(result) }
        }
    }
}
