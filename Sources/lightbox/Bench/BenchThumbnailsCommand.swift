import ArgumentParser
import Foundation
import Loading

extension BenchCommand {
    /// `lightbox bench thumbnails`: the thumbnails job at archive scale.
    struct Thumbnails: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The thumbnails job at archive scale: series/s and the child's peak RSS for two archive sizes.",
            discussion: """
                Generates synthetic archives (small CT series; every --broken-every-th series has one truncated file), \
                runs `lightbox thumbnails` over each as a child process for each --jobs value, checks that the report \
                has an entry for every series and every broken file, and prints series per second and the child's \
                peak RSS (VmHWM), so growth of memory with archive size is visible.
                Example: lightbox bench thumbnails --sizes 500,2000 --jobs 1,2
                """)

        @Option(parsing: .numeric, help: ArgumentHelp("Archive sizes in series, comma-separated.", valueName: "n,n"))
        var sizes = "500,2000"
        @Option(parsing: .numeric, help: ArgumentHelp("--jobs values for the child, comma-separated.", valueName: "n,n"))
        var jobs = "1,2"
        @Option(parsing: .numeric, help: ArgumentHelp("Every n-th series gets one truncated file (20: 5% of series).", valueName: "n"))
        var brokenEvery = 20
        @Option(parsing: .numeric, help: ArgumentHelp("Files per series.", valueName: "n"))
        var slices = 5
        @Option(parsing: .numeric, help: ArgumentHelp("Rows and columns of each slice (512 for CT-sized slices).", valueName: "px"))
        var matrix = 32
        @Option(help: ArgumentHelp("Scratch folder (kept); default a temporary folder that is removed.", valueName: "dir"))
        var scratch: String?
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            let sizeList = sizes.split(separator: ",").compactMap { Int($0) }, jobList = jobs.split(separator: ",").compactMap { Int($0) }
            guard !sizeList.isEmpty, sizeList.allSatisfy({ $0 > 0 }), !jobList.isEmpty, jobList.allSatisfy({ (1...64).contains($0) }) else {
                throw ValidationError("--sizes and --jobs take comma-separated positive numbers (jobs 1…64)")
            }
            let benchmark = ThumbnailsBenchmark(sizes: sizeList, jobs: jobList, brokenEvery: max(0, brokenEvery), slicesPerSeries: max(1, slices), matrix: min(max(matrix, 2), 1024),
                                                scratch: scratch.map { URL(fileURLWithPath: $0) })
            let result = try benchmark.run { message in if !json { FileHandle.standardError.write(Data((message + "\n").utf8)) } }
            if json { try printJSON(result) } else { ThumbnailsBenchmark.printTable(result) }
            if result.rows.contains(where: { !$0.reportComplete }) { throw ExitCode(3) }
        }
    }
}
