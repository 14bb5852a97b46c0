import ArgumentParser
import Foundation
import Loading

extension BenchCommand {
    /// `lightbox bench codecs`: decode speed of the compressed frames in a folder, JPEG-LS beside CharLS.
    struct Codecs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode speed per transfer syntax of every compressed frame in a folder; JPEG-LS frames are "
                + "also decoded by CharLS (the reference) in the same run.",
            discussion: "Example: lightbox bench codecs /data/jpegls-series --runs 7")

        @Argument(help: ArgumentHelp("A folder of DICOM files (read recursively).", valueName: "dir"))
        var folder: String
        @Option(parsing: .numeric, help: "Timed runs; the median is reported (≥ 5 recommended).")
        var runs = 5
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            let files = try SeriesScanner.files(under: [URL(fileURLWithPath: folder)])
            let result = try CodecBenchmark(files: files, runs: max(1, runs)).run()
            guard !result.rows.isEmpty else { throw CommandError.badInput("no compressed frames under \(folder)") }
            if json { try printJSON(result) } else { CodecBenchmark.printTable(result) }
        }
    }
}
