import Foundation
import Volume

/// Times the renderer on a CT-like 512×512×300 int16 phantom with 512² output frames, readback included.
/// Not a test: the CLI prints the figures; nothing fails on a time.
///
/// Each figure has the median wall time and the median process CPU time (all threads, llvmpipe's
/// rasteriser threads included): on a shared machine the wall time moves with other load, while the
/// CPU time stays close to the cost of the work (wall ≈ CPU / cores when the cores are free).
public enum RenderBenchmark {
    /// One measurement: the median over the runs, in milliseconds.
    public struct Figure: Sendable, CustomStringConvertible {
        public let name: String
        /// Median wall-clock time.
        public let milliseconds: Double
        /// Median CPU time of the process over the same runs.
        public let cpuMilliseconds: Double
        public var description: String {
            name.padding(toLength: 44, withPad: " ", startingAt: 0)
                + String(format: " %9.2f ms  (CPU %9.2f ms)", milliseconds, cpuMilliseconds)
        }
    }

    /// Runs every measurement `runs` times (at least 5) on `engine` and returns the medians.
    public static func run(engine: RenderEngine, runs: Int = 5) async throws -> [Figure] {
        let runs = max(5, runs)
        let volume = try BenchmarkPhantom.make()
        let g = volume.geometry
        let size = 512
        var figures: [Figure] = []
        /// Times `body` only; `prepare` runs untimed before each run.
        func measure(_ name: String, prepare: () -> Void = {}, _ body: () async throws -> Void) async throws {
            var times: [Double] = []
            var cpu: [Double] = []
            for _ in 0..<runs {
                prepare()
                let cpuStart = processCPUMilliseconds()
                let start = ContinuousClock.now
                try await body()
                let elapsed = ContinuousClock.now - start
                cpu.append(processCPUMilliseconds() - cpuStart)
                times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
            }
            figures.append(Figure(name: name, milliseconds: times.sorted()[runs / 2], cpuMilliseconds: cpu.sorted()[runs / 2]))
        }

        try await measure("full upload (allocate + \(g.dimensions.z) slices)") {
            await engine.release(volume)
            try await engine.updateTexture(for: volume)
        }
        let axial = MPRView(plane: .axial(centre: g.centre), fitting: g, width: size, height: size, window: .mediastinum)
        _ = try await engine.render(axial, of: volume)
        try await measure("axial MPR, linear") { _ = try await engine.render(axial, of: volume) }
        var oblique = axial
        oblique.plane = axial.plane.rotated(by: 0.5, about: Vector3(1, 1, 0))
        try await measure("oblique MPR, linear") { _ = try await engine.render(oblique, of: volume) }
        var slab = axial
        slab.slab = Slab(thickness: 20, mode: .maximum)
        try await measure("axial slab MIP 20 mm") { _ = try await engine.render(slab, of: volume) }
        for window in [("bone", VOIWindow.bone), ("mediastinum", VOIWindow.mediastinum)] {
            let mip = MIPView.rotating(g, angle: 0.5, width: size, height: size, window: window.1)
            _ = try await engine.render(mip, of: volume)
            try await measure("rotated MIP 29°, \(window.0) window") { _ = try await engine.render(mip, of: volume) }
            var full = mip
            full.emptySpaceSkipping = false
            try await measure("rotated MIP 29°, \(window.0), no skipping") { _ = try await engine.render(full, of: volume) }
        }
        let insert = { BenchmarkPhantom.fill(volume, slice: 150) }
        try await measure("one-slice update (upload + bricks)", prepare: insert) { try await engine.updateTexture(for: volume) }
        try await measure("one-slice update + axial MPR frame", prepare: insert) { _ = try await engine.render(axial, of: volume) }
        return figures
    }

    /// User + system CPU time of the whole process so far.
    private static func processCPUMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1e3 + Double(t.tv_usec) * 1e-3 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }
}
