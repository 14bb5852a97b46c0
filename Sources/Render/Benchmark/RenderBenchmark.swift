import Foundation
import Volume

/// Times the renderer on a CT-like 512×512×300 int16 phantom with 512² output frames, readback included.
/// Not a test: the CLI prints the figures; nothing fails on a time.
public enum RenderBenchmark {
    /// One measurement: the median over the runs, in milliseconds.
    public struct Figure: Sendable, CustomStringConvertible {
        public let name: String
        public let milliseconds: Double
        public var description: String { name.padding(toLength: 44, withPad: " ", startingAt: 0) + String(format: " %9.2f ms", milliseconds) }
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
            for _ in 0..<runs {
                prepare()
                let start = ContinuousClock.now
                try await body()
                let elapsed = ContinuousClock.now - start
                times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15)
            }
            figures.append(Figure(name: name, milliseconds: times.sorted()[times.count / 2]))
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
}
