import ArgumentParser
import Foundation
import Loading

extension BenchCommand {
    /// `lightbox bench render`: renderer speed on the phantom volumes.
    struct RenderFrames: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "render",
            abstract: "Renderer speed on a 512×512×300 CT phantom (and a PET for fusion): ms per frame, readback included.",
            discussion: "Example: lightbox bench render --runs 7 --json")

        @Option(parsing: .numeric, help: "Timed runs per figure; the median is reported (≥ 5).")
        var runs = 5
        @Option(parsing: .numeric, help: ArgumentHelp("Keep timing a figure past --runs until its frames add up to this many seconds (at most 1,000 frames).", valueName: "s"))
        var minSeconds = 0.0
        @Option(parsing: .numeric, help: ArgumentHelp("Output frame width and height.", valueName: "px"))
        var size = 512
        @Option(parsing: .numeric, help: ArgumentHelp("CT and PET slices (2 mm apart), e.g. 150, 300 or 600.", valueName: "n"))
        var slices = 300
        @Option(help: ArgumentHelp("Only the figures whose name contains this text (alternatives separated by |), e.g. 'rotated MIP|axial MPR'.", valueName: "text"))
        var filter: String?
        @Option(help: ArgumentHelp("Also write the volume renderings' frames as PNG files into this folder.", valueName: "folder"))
        var png: String?
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let result = try await RenderBenchmark(
                runs: max(5, runs), minSeconds: max(0, minSeconds), size: size, slices: max(2, slices), filter: filter,
                pngFolder: png.map { URL(fileURLWithPath: $0) }).run()
            if json { try printJSON(result) } else { RenderBenchmark.printTable(result) }
        }
    }
}
