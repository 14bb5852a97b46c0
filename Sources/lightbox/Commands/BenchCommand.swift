import ArgumentParser
import Foundation
import Loading

/// `lightbox bench`: the benchmarks. They print figures (medians, machine, renderer); they never pass or fail.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks: print figures (median of several runs) with the machine they ran on.",
        subcommands: [Read.self, Load.self, RenderFrames.self, Export.self]
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
        @Option(help: ArgumentHelp("CT and PET slices (2 mm apart), e.g. 150, 300 or 600.", valueName: "n"))
        var slices = 300
        @Option(help: ArgumentHelp("Only the figures whose name contains this text (alternatives separated by |), e.g. 'rotated MIP|axial MPR'.", valueName: "text"))
        var filter: String?
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let result = try await RenderBenchmark(runs: max(5, runs), size: size, slices: max(2, slices), filter: filter).run()
            if json { try printJSON(result) } else { RenderBenchmark.printTable(result) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the render benchmark's CT as raw int16 + JSON (geometry and cameras) and as DICOM, for comparisons.",
            discussion: "Example: lightbox bench export --out /tmp/bench-ct (used by benchmarks/compare-vtk.sh)")

        @Option(help: ArgumentHelp("Folder to write ct.raw, ct.json, CT/ and PET/ into.", valueName: "dir"))
        var out: String
        @Option(help: ArgumentHelp("Output frame width and height of the cameras.", valueName: "px"))
        var size = 512
        @Option(help: ArgumentHelp("CT slices.", valueName: "n"))
        var slices = 300
        @Flag(help: "Skip the DICOM files (raw + JSON only).")
        var noDicom = false

        func run() throws {
            let header = try BenchExport(folder: URL(fileURLWithPath: out), size: size, slices: max(2, slices), dicom: !noDicom).run()
            print("wrote ct.raw (\(header.dimensions.map(String.init).joined(separator: "×")) int16) and ct.json\(noDicom ? "" : ", CT/ and PET/") to \(out)")
        }
    }
}
