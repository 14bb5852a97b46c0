import ArgumentParser
import Foundation

extension BenchCommand {
    /// `lightbox bench large`: a volume longer than one 3D texture (thin-slice whole-body CT), laid out as an atlas.
    struct Large: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Renderer speed and peak memory on a CT phantom longer than one 3D texture (default 256×256×2400 int16).",
            discussion: "Example: lightbox bench large --columns 512 --out frames (writes the frames as PNG)")

        @Option(parsing: .numeric, help: ArgumentHelp("CT rows and columns.", valueName: "n"))
        var columns = 256
        @Option(parsing: .numeric, help: ArgumentHelp("CT slices, 0.8 mm apart.", valueName: "n"))
        var slices = 2400
        @Option(parsing: .numeric, help: "Timed runs per figure; the median is reported (≥ 3).")
        var runs = 5
        @Option(parsing: .numeric, help: ArgumentHelp("Output frame width and height.", valueName: "px"))
        var size = 512
        @Option(help: ArgumentHelp("Folder to write the frames into as PNG.", valueName: "dir"))
        var out: String?
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() async throws {
            let result = try await LargeVolumeBenchmark(
                columns: max(16, columns), slices: max(2, slices), runs: max(3, runs), size: size, out: out.map { URL(fileURLWithPath: $0) }).run()
            if json { try printJSON(result) } else { LargeVolumeBenchmark.printTable(result) }
        }
    }
}
