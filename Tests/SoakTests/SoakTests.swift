import DICOM
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Loading
import Phantom
import Raster
import Render
import TestSupport
import Volume
import XCTest

/// A bounded soak: several synthetic series stream concurrently into a cache whose budget holds only a
/// few of them, are rendered (MPR frames, mid-stream and final) and written through Raster's atomic
/// writer while a reader keeps decoding the files, and are cancelled at random. Afterwards:
/// the cache never went over budget, nothing is left cached, every stream ended with `.finished`,
/// no loader call is in flight, every frame file decodes fully, no temporary files remain, and
/// resident memory is back within a stated slack of the warm baseline.
final class SoakTests: XCTestCase {
    /// Wraps the file loader to count pixel calls in flight and add a little random latency,
    /// so cancellations land while slices are being fetched.
    final class CountingLoader: ImageLoader, @unchecked Sendable {
        let scheme = "file"
        let base: FileImageLoader
        private let lock = NSLock()
        private var inFlight = 0
        private(set) var maxInFlight = 0
        private(set) var calls = 0

        init(base: FileImageLoader) { self.base = base }

        var inFlightNow: Int { lock.withLock { inFlight } }

        func loadMetadata(imageID: String) async throws -> [SliceMetadata] { try await base.loadMetadata(imageID: imageID) }

        func loadPixels(of slice: SliceMetadata) async throws -> any PixelPayload {
            lock.withLock { inFlight += 1; calls += 1; maxInFlight = max(maxInFlight, inFlight) }
            defer { lock.withLock { inFlight -= 1 } }
            try await Task.sleep(nanoseconds: UInt64.random(in: 0...400_000))
            return try await base.loadPixels(of: slice)
        }
    }

    /// What one streamed volume did.
    struct Run: Sendable {
        var finalEvent: VolumeEvent?
        var state: VolumeLoadState?
        var refused = false
        var framesWritten = 0
        var cancelled = false
        var error: String?
    }

    static func residentBytes() -> Int {
        // glibc's malloc_trim(0) gives freed heap back first, so RSS reflects live memory rather than allocator caching.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }

    func testConcurrentStreamingRenderingAndCancellationSoak() async throws {
        let seed = UInt64(ProcessInfo.processInfo.environment["LIGHTBOX_SOAK_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)
        let seconds = Double(ProcessInfo.processInfo.environment["LIGHTBOX_SOAK_SECONDS"] ?? "") ?? 30
        print("soak: seed \(seed) (LIGHTBOX_SOAK_SEED to repeat), \(seconds) s (LIGHTBOX_SOAK_SECONDS)")
        var random = SplitMix64(seed: seed)

        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-soak-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = root.appendingPathComponent("archive"), frames = root.appendingPathComponent("frames")
        try SyntheticArchive(seriesCount: 8, slicesPerSeries: 24, rows: 64, columns: 64).write(to: archive)
        try FileManager.default.createDirectory(at: frames, withIntermediateDirectories: true)
        let series = SeriesScanner().scan(try SeriesScanner.files(under: [archive])).series
        XCTAssertEqual(series.count, 8)

        let volumeBytes = 64 * 64 * 24 * 2
        let cache = ImageVolumeCache(budgetBytes: volumeBytes * 3 + volumeBytes / 2)  // three volumes fit, a fourth does not
        let fileLoader = FileImageLoader()
        let loader = CountingLoader(base: fileLoader)
        let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: cache)
        let engine = try RenderEngine()

        // Warm-up: one full pass so code, GL state and shaders are loaded before the baseline.
        _ = try await Self.streamOne(series[0], id: "warm", manager: manager, fileLoader: fileLoader, engine: engine,
                                output: frames.appendingPathComponent("frame-0.png"), cancelAfter: nil)
        let baseline = Self.residentBytes()

        let stop = Date().addingTimeInterval(seconds)
        let readerStop = LockedFlag()
        let reader = Task.detached { () -> (reads: Int, failures: [String]) in
            var reads = 0, failures: [String] = []
            while !readerStop.value {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: frames.path)) ?? []
                for name in names where name.hasSuffix(".png") && !name.hasPrefix(".") {
                    do { _ = try PNGCodec.read(contentsOf: frames.appendingPathComponent(name)); reads += 1 } catch {
                        failures.append("\(name): \(error)")
                    }
                }
                try? await Task.sleep(nanoseconds: 2_000_000)
            }
            return (reads, failures)
        }

        var runs: [Run] = []
        var round = 0
        while Date() < stop {
            let plan = (0..<5).map { n -> (Int, UInt64?) in
                let pick = Int.random(in: 0..<series.count, using: &random)
                let cancel: UInt64? = Bool.random(using: &random) ? UInt64.random(in: 0...8_000_000, using: &random) : nil
                return (pick, cancel)
            }
            let results = await withTaskGroup(of: Run.self) { group in
                for (n, (pick, cancel)) in plan.enumerated() {
                    let id = "soak-\(round)-\(n)"
                    group.addTask {
                        do {
                            return try await Self.streamOne(series[pick], id: id, manager: manager, fileLoader: fileLoader,
                                                            engine: engine, output: frames.appendingPathComponent("frame-\(n % 2).png"),
                                                            cancelAfter: cancel)
                        } catch let error as CacheError {
                            guard case .sizeExceeded = error else { return Run(error: error.description) }
                            return Run(refused: true)
                        } catch {
                            return Run(error: String(describing: error))
                        }
                    }
                }
                var all: [Run] = []
                for await run in group { all.append(run) }
                return all
            }
            runs += results
            round += 1
        }
        readerStop.set()
        let (reads, readFailures) = await reader.value

        // Everything released: nothing cached, nothing in flight.
        XCTAssertEqual(cache.usedBytes, 0, "bytes still cached after every volume was released")
        XCTAssertEqual(cache.volumeIDs, [])
        XCTAssertEqual(loader.inFlightNow, 0, "loader calls still in flight")
        XCTAssertLessThanOrEqual(cache.peakBytes, cache.budgetBytes, "cache went over budget")
        XCTAssertEqual(runs.compactMap(\.error), [], "streams failed other than by the budget")
        let streamed = runs.filter { !$0.refused && $0.error == nil }
        for run in streamed {
            guard case .finished(let state)? = run.finalEvent else { XCTFail("a stream ended without .finished"); continue }
            XCTAssertEqual(state, run.state)
            if !run.cancelled { XCTAssertEqual(state, .complete) }
        }
        // Every frame on disk decodes fully; no temporary files are left by the atomic writer.
        let left = try FileManager.default.contentsOfDirectory(atPath: frames.path)
        XCTAssertEqual(left.filter { $0.hasPrefix(".") || $0.hasSuffix(".tmp") }, [], "temporary files left behind")
        for name in left {
            let frame = try PNGCodec.read(contentsOf: frames.appendingPathComponent(name))
            XCTAssertEqual(frame.width, 96)
            XCTAssertEqual(frame.height, 96)
        }
        XCTAssertEqual(readFailures, [], "a concurrent reader saw a partial frame")

        // Memory: back near the warm baseline. Slack: 32 MiB (allocator arenas of 2 cores' worth of threads,
        // Foundation caches; one volume here is 192 KiB and the run streams hundreds of them).
        let after = Self.residentBytes()
        let slack = 32 << 20
        let cancelled = streamed.filter(\.cancelled).count
        print(String(format: "soak: %d rounds, %d volumes streamed (%d cancelled, %d refused by the budget), %d frames written, %d concurrent reads; peak cache %d of %d bytes; max %d loader calls in flight; RSS baseline %.1f MiB, after %.1f MiB (slack %d MiB)",
                     round, streamed.count, cancelled, runs.count - streamed.count, streamed.map(\.framesWritten).reduce(0, +), reads,
                     cache.peakBytes, cache.budgetBytes, loader.maxInFlight, Double(baseline) / 1_048_576, Double(after) / 1_048_576, slack >> 20))
        XCTAssertGreaterThan(cancelled, 0, "no cancellation happened; the soak did not test it")
        XCTAssertLessThanOrEqual(after, baseline + slack, "RSS \(after) bytes after the soak vs baseline \(baseline)")
    }

    /// Creates, streams, renders and releases one volume; `cancelAfter` nanoseconds cancels it mid-stream.
    static func streamOne(_ series: SeriesScanner.Series, id: String, manager: VolumeManager, fileLoader: FileImageLoader,
                   engine: RenderEngine, output: URL, cancelAfter: UInt64?) async throws -> Run {
        let streaming = try await manager.createAndCacheVolume(id: id, series: series, fileLoader: fileLoader, concurrency: 2)
        defer { manager.release(volumeID: id) }
        var run = Run()
        let events = streaming.events()
        let task = streaming.start()
        if let cancelAfter {
            Task {
                try? await Task.sleep(nanoseconds: cancelAfter)
                streaming.cancel()
            }
        }
        let volume = streaming.volume
        let g = volume.geometry
        let view = MPRView(plane: .axial(centre: g.world(31.5, 31.5, Double(g.dimensions.z / 2))), fitting: g,
                           width: 96, height: 96, window: .mediastinum)
        var rendered = 0
        for await event in events {
            switch event {
            case .sliceLoaded(_, let loaded, _, _) where loaded % 8 == 0:
                try PNGCodec.write(try await engine.render(view, of: volume), to: output)
                rendered += 1
            case .finished:
                run.finalEvent = event
            default:
                break
            }
        }
        run.state = await task.value
        run.cancelled = run.state == .cancelled
        try PNGCodec.write(try await engine.render(view, of: volume), to: output)
        run.framesWritten = rendered + 1
        await engine.release(volume)
        return run
    }
}

/// A flag set once from one task and read from another.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}
