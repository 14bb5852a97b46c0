import Foundation
import Jobs
import Raster
import Volume

/// `lightbox bench diff`: what `lightbox diff` (the Jobs layer's golden suite: counts, PSNR and SSIM) costs per 512²
/// pair, against decoding the same PNGs alone and against ImageMagick's `compare -metric PSNR` run on each pair
/// (one process a pair, as CI scripts call it, one thread each and as many at a time as there are cores). Not like
/// for like in Lightbox's favour: `compare` computes PSNR alone (ImageMagick 6 has no SSIM, and the counts over a
/// tolerance would take another `compare -metric AE -fuzz` process), `lightbox diff` every metric at once.
struct DiffBenchmark {
    struct Result: Encodable {
        var machine: String
        /// Load averages (1, 5, 15 min) before and after the timed runs.
        var loadBefore: String
        var loadAfter: String
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
        /// Median wall seconds of `compare -metric PSNR` over every pair, nil when ImageMagick is not installed.
        var compareSeconds: Double?
        /// CPU seconds of those `compare` processes (user + system), in the run of the median wall time.
        var compareCPUSeconds: Double?
        /// Diff time over `compare`'s (target ≤ 0.2).
        var diffOverCompare: Double?
        /// Diff CPU over `compare`'s: the same ratio free of what else the machine runs.
        var diffOverCompareCPU: Double?
    }

    var pairs: Int
    var runs: Int
    /// Where the pairs go and stay; a temporary folder, removed afterwards, when nil.
    var keep: URL?

    func run() throws -> Result {
        let folder = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-bench-diff-\(getpid())")
        defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
        let expected = folder.appendingPathComponent("expected"), actual = folder.appendingPathComponent("actual")
        for index in 0..<pairs {
            let name = String(format: "frame-%05d.png", index)
            try PNGCodec.write(try Frame.texturedPattern(width: 512, height: 512, seed: UInt32(2 * index + 1)), to: expected.appendingPathComponent(name))
            try PNGCodec.write(try Frame.texturedPattern(width: 512, height: 512, seed: UInt32(2 * index + 2)), to: actual.appendingPathComponent(name))
        }
        let list = try GoldenSuite.pairs(expected: expected, actual: actual)
        let files = list.flatMap { [$0.expected.path, $0.actual.path] }
        let suite = GoldenSuite(tolerance: 2, maxFraction: 0.001)
        var decode: [Double] = [], diff: [Double] = [], diffCPU: [Double] = [], peer: [(wall: Double, cpu: Double)] = []
        let compare = Self.findCompare()
        var differing = 0
        let loadBefore = BenchSupport.loadAverage
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
            if let compare { peer.append(try Self.timeCompare(compare, list)) }
        }
        precondition(differing == pairs, "every generated pair differs beyond tolerance 2")
        let d = BenchSupport.median(decode), w = BenchSupport.median(diff)
        let c = peer.isEmpty ? nil : BenchSupport.median(peer.map(\.wall))
        let cCPU = c.flatMap { median in peer.first { $0.wall == median }?.cpu }
        let cpu = BenchSupport.median(diffCPU)
        return Result(machine: BenchSupport.machine, loadBefore: loadBefore, loadAfter: BenchSupport.loadAverage, pairs: pairs, runs: runs, decodeSeconds: d, diffSeconds: w,
                      diffCPUSeconds: cpu, msPerPair: w * 1000 / Double(pairs),
                      pairsPerSecond: Double(pairs) / w, diffOverDecode: w / d, compareSeconds: c, compareCPUSeconds: cCPU,
                      diffOverCompare: c.map { w / $0 }, diffOverCompareCPU: cCPU.map { cpu / $0 })
    }

    private static func findCompare() -> URL? {
        ["/usr/bin/compare", "/usr/local/bin/compare"].map(URL.init(fileURLWithPath:)).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Wall and CPU seconds of `compare -metric PSNR expected actual null:` over every pair, one process a pair, one
    /// worker a core. Each process runs one thread (`MAGICK_THREAD_LIMIT=1`): the workers fill the cores, and
    /// ImageMagick's OpenMP threads on top only oversubscribe them (it is slower so).
    private static func timeCompare(_ compare: URL, _ pairs: [GoldenPair]) throws -> (wall: Double, cpu: Double) {
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let failures = Counter()
        let environment = ProcessInfo.processInfo.environment.merging(["MAGICK_THREAD_LIMIT": "1"]) { $1 }
        let cpu = BenchSupport.childCPUSeconds
        let seconds = BenchSupport.time {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for pair in stride(from: worker, to: pairs.count, by: workers).map({ pairs[$0] }) {
                    let process = Process()
                    process.executableURL = compare
                    process.arguments = ["-metric", "PSNR", pair.expected.path, pair.actual.path, "null:"]
                    process.environment = environment
                    process.standardOutput = FileHandle.nullDevice
                    process.standardError = FileHandle.nullDevice
                    do { try process.run() } catch { failures.add(); continue }
                    process.waitUntilExit()
                    if process.terminationStatus > 1 { failures.add() }   // 1: the images differ
                }
            }
        }
        guard failures.value == 0 else { throw CommandError.badInput("compare failed on \(failures.value) pairs") }
        return (seconds, BenchSupport.childCPUSeconds - cpu)
    }

    static func printTable(_ r: Result) {
        print("diff benchmark: \(r.pairs) pairs of 512×512 RGBA PNGs, median of \(r.runs) runs, all cores")
        print("  machine          \(r.machine)")
        print("  load average     \(r.loadBefore) before, \(r.loadAfter) after")
        print(String(format: "  decode only      %9.1f ms   (baseline: every file of every pair)", r.decodeSeconds * 1000))
        print(String(format: "  diff             %9.1f ms   %.2f ms a pair, %.0f pairs/s, cpu %.1f ms", r.diffSeconds * 1000,
                     r.msPerPair, r.pairsPerSecond, r.diffCPUSeconds * 1000))
        print(String(format: "  diff / decode    %9.2f×", r.diffOverDecode))
        if let c = r.compareSeconds, let ratio = r.diffOverCompare {
            print(String(format: "  compare (IM6)    %9.1f ms   `compare -metric PSNR` a pair, %d at a time, one thread each, cpu %.1f ms",
                         c * 1000, ProcessInfo.processInfo.activeProcessorCount, (r.compareCPUSeconds ?? .nan) * 1000))
            print(String(format: "  diff / compare   %9.3f×   (target ≤ 0.2; cpu %.3f×; Lightbox also computes SSIM and the counts)",
                         ratio, r.diffOverCompareCPU ?? .nan))
        } else {
            print("  compare (IM6)    not installed (Debian package imagemagick)")
        }
    }
}

/// A thread-safe count.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
}
