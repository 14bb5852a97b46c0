import Foundation
import Jobs
import Raster
import Volume

/// `lightbox bench diff`: what `lightbox diff` (the Jobs layer's golden suite) costs per 512² pair, against decoding the same PNGs alone.
struct DiffBenchmark {
    struct Result: Encodable {
        var machine: String
        var pairs: Int
        var runs: Int
        /// Median wall seconds to decode every file of every pair, on all cores (the baseline).
        var decodeSeconds: Double
        /// Median wall seconds of the diff over every pair (decode both, compare), on all cores.
        var diffSeconds: Double
        var diffCPUSeconds: Double
        var msPerPair: Double
        var pairsPerSecond: Double
        /// Diff time over decode-only time: what comparing adds to reading.
        var diffOverDecode: Double
    }

    var pairs: Int
    var runs: Int

    func run() throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-bench-diff-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = folder.appendingPathComponent("expected"), actual = folder.appendingPathComponent("actual")
        for index in 0..<pairs {
            let name = String(format: "frame-%05d.png", index)
            try PNGCodec.write(try Frame.texturedPattern(width: 512, height: 512, seed: UInt32(2 * index + 1)), to: expected.appendingPathComponent(name))
            try PNGCodec.write(try Frame.texturedPattern(width: 512, height: 512, seed: UInt32(2 * index + 2)), to: actual.appendingPathComponent(name))
        }
        let list = try GoldenSuite.pairs(expected: expected, actual: actual)
        let files = list.flatMap { [$0.expected.path, $0.actual.path] }
        let suite = GoldenSuite(tolerance: 2, maxFraction: 0.001)
        var decode: [Double] = [], diff: [Double] = [], diffCPU: [Double] = []
        var differing = 0
        for _ in 0..<runs {
            decode.append(BenchSupport.time {
                let sizes = ParallelMap.map(files) { path in (try? ImageFile.read(contentsOf: URL(fileURLWithPath: path)))?.width ?? 0 }
                precondition(sizes.allSatisfy { $0 == 512 }, "a generated PNG did not decode")
            })
            let timing = BenchSupport.timeWithCPU {
                differing = suite.compare(list).filter { $0.status == .different }.count
            }
            diff.append(timing.wall)
            diffCPU.append(timing.cpu)
        }
        precondition(differing == pairs, "every generated pair differs beyond tolerance 2")
        let d = BenchSupport.median(decode), w = BenchSupport.median(diff)
        return Result(machine: BenchSupport.machine, pairs: pairs, runs: runs, decodeSeconds: d, diffSeconds: w,
                      diffCPUSeconds: BenchSupport.median(diffCPU), msPerPair: w * 1000 / Double(pairs),
                      pairsPerSecond: Double(pairs) / w, diffOverDecode: w / d)
    }

    static func printTable(_ r: Result) {
        print("diff benchmark: \(r.pairs) pairs of 512×512 RGBA PNGs, median of \(r.runs) runs, all cores")
        print("  machine          \(r.machine)")
        print(String(format: "  decode only      %9.1f ms   (baseline: every file of every pair)", r.decodeSeconds * 1000))
        print(String(format: "  diff             %9.1f ms   %.2f ms a pair, %.0f pairs/s, cpu %.1f ms", r.diffSeconds * 1000,
                     r.msPerPair, r.pairsPerSecond, r.diffCPUSeconds * 1000))
        print(String(format: "  diff / decode    %9.2f×", r.diffOverDecode))
    }
}
