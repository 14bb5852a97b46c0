import ArgumentParser
import Foundation

extension BenchCommand {
    /// `lightbox bench diff`: golden-image comparison throughput.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Golden-image comparison speed: `lightbox diff` over generated PNG pairs beside decoding them alone and ImageMagick's compare.",
            discussion: """
                Writes --pairs pairs of 512×512 RGBA PNGs that compress like renders (gradients and noise) to a \
                temporary folder, then times, on all cores, decoding every file alone (the baseline), the whole diff (decode \
                both; counts at tolerance 2, PSNR, SSIM) and, when ImageMagick is installed, `compare -metric PSNR` on \
                every pair (one process a pair, one thread each, one at a time per core; PSNR only, so compare does less work), \
                and prints the medians of --runs runs, with the CPU time of each side.
                Example: lightbox bench diff --pairs 200 --runs 5
                """)

        @Option(parsing: .numeric, help: ArgumentHelp("Image pairs to compare.", valueName: "n"))
        var pairs = 200
        @Option(parsing: .numeric, help: "Timed runs; the median is reported (≥ 5 recommended).")
        var runs = 5
        @Option(help: ArgumentHelp("Write the pairs into this folder (expected/, actual/) and keep them, to time or profile `lightbox diff` on them; a temporary folder otherwise.", valueName: "dir"))
        var keep: String?
        @Flag(help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            FreedMemory.keepForReuse()
            let result = try DiffBenchmark(pairs: min(max(1, pairs), 10_000), runs: max(1, runs), keep: keep.map { URL(fileURLWithPath: $0) }).run()
            if json { try printJSON(result) } else { DiffBenchmark.printTable(result) }
        }
    }
}
