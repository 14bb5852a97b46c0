import ArgumentParser
import Foundation
import Loading

/// `lightbox bench`: the benchmarks. They print figures (medians, machine, renderer); they never pass or fail.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks: print figures (median of several runs) with the machine they ran on.",
        subcommands: [Read.self, Load.self, RenderFrames.self]
    )

    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Part 10 read speed: metadata-only and full reads beside raw byte reads of the same files.",
            discussion: "Example: lightbox bench read /data/ct-series --runs 7")

        @Argument(help: ArgumentHelp("A folder of DICOM files (read recursively).", valueName: "dir"))
        var folder: String
        @Option(help: "Timed runs; the median is reported (≥ 5 recommended).")
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

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Streaming load speed and memory: time to first slice and to the full volume, beside raw reads.",
            discussion: "Example: lightbox bench load /data/ct-series --runs 5")

        @Argument(help: ArgumentHelp("A folder holding one series.", valueName: "dir"))
        var folder: String
        @Option(help: "Timed runs; the median is reported (≥ 5 recommended).")
        var runs = 5
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let result = try await LoadBenchmark(folder: URL(fileURLWithPath: folder), runs: max(1, runs)).run()
            if json { try printJSON(result) } else { LoadBenchmark.printTable(result) }
        }
    }

    struct RenderFrames: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Renderer speed on a 512×512×300 CT phantom (and a PET for fusion): ms per frame, readback included.",
            discussion: "Example: lightbox bench render --runs 7 --json")

        @Option(help: "Timed runs per figure; the median is reported (≥ 5).")
        var runs = 5
        @Option(help: ArgumentHelp("Output frame width and height.", valueName: "px"))
        var size = 512
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let result = try await RenderBenchmark(runs: max(5, runs), size: size).run()
            if json { try printJSON(result) } else { RenderBenchmark.printTable(result) }
        }
    }
}
