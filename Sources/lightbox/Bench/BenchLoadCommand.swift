import ArgumentParser
import Foundation
import Loading

extension BenchCommand {
    /// `lightbox bench load`: streaming load speed and memory.
    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Streaming load speed and memory: time to first slice and to the full volume, beside raw reads.",
            discussion: "Example: lightbox bench load /data/ct-series --runs 5")

        @Argument(help: ArgumentHelp("A folder holding one series.", valueName: "dir"))
        var folder: String
        @Option(parsing: .numeric, help: "Timed runs; the median is reported (≥ 5 recommended).")
        var runs = 5
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let result = try await LoadBenchmark(folder: URL(fileURLWithPath: folder), runs: max(1, runs)).run()
            if json { try printJSON(result) } else { LoadBenchmark.printTable(result) }
        }
    }
}
