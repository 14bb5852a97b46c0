import Foundation
import Phantom
import Raster
import Render
import Volume

/// `lightbox bench render`: times the renderer on the benchmark volumes, readback included.
///
/// Each figure is the median wall time and the median process CPU time (all threads, llvmpipe's
/// included): on a shared machine wall time moves with other load, CPU time stays near the cost of
/// the work. Not a test: nothing fails on a time.
struct RenderBenchmark {
    struct Figure: Encodable {
        var name: String
        var milliseconds: Double
        var cpuMilliseconds: Double
        /// Timed frames behind the medians.
        var frames: Int
        /// The figure this one adds to (the same frame without the addition, measured frame by frame in turn with it)
        /// and the median CPU time it adds, in percent of that figure's in the same run; nil for a figure that stands alone.
        var over: String? = nil
        var extraCPUPercent: Double? = nil
    }

    struct Result: Encodable {
        var machine: String
        var renderer: String
        var volume: String
        var runs: Int
        var figures: [Figure]
    }

    var runs: Int
    /// More runs than `runs` while the timed frames of a figure add up to less than this (at most 1,000), so
    /// millisecond figures rest on hundreds of frames and the median is stable on a noisy machine.
    var minSeconds: Double = 0
    var size: Int
    /// CT (and PET) slices; 300 by default. The CT keeps 2 mm steps, so more slices make a longer volume.
    var slices: Int = 300
    /// Only figures whose name contains this (case-insensitive); nil for all.
    var filter: String? = nil
    /// Where the volume renderings' frames are written as PNG (lightbox_<figure>.png), for a person to compare; nil: nowhere.
    var pngFolder: URL? = nil

    func run() async throws -> Result {
        let study = BenchVolumes.study(slices: slices)
        let ct = try BenchVolumes.ct(study)
        let pet = try BenchVolumes.pet(study)
        let engine = try RenderEngine()
        let g = ct.geometry
        var figures: [Figure] = []
        func wanted(_ name: String) -> Bool { BenchSupport.rowWanted(name, filter: filter) }
        /// Whether a figure whose timed frames so far took `wall` seconds needs more.
        func needsMore(_ wall: [Double]) -> Bool { wall.count < runs || (wall.reduce(0, +) < minSeconds && wall.count < 1_000) }
        /// One timed frame of `body`: wall and CPU seconds.
        func timed(_ body: () async throws -> Void) async throws -> (wall: Double, cpu: Double) {
            let cpuStart = BenchSupport.cpuSeconds
            let wall = try await BenchSupport.time { try await body() }
            return (wall, BenchSupport.cpuSeconds - cpuStart)
        }
        func measure(_ name: String, prepare: () -> Void = {}, _ body: () async throws -> Void) async throws {
            guard wanted(name) else { return }
            var wall: [Double] = [], cpu: [Double] = []
            prepare()
            try await body()  // warm-up: programs compiled, textures current
            while needsMore(wall) {
                prepare()
                let t = try await timed(body)
                wall.append(t.wall)
                cpu.append(t.cpu)
            }
            figures.append(Figure(name: name, milliseconds: BenchSupport.median(wall) * 1000, cpuMilliseconds: BenchSupport.median(cpu) * 1000, frames: wall.count))
        }
        /// Measures `baseline` and each of `additions` frame by frame in turn (the order rotating every run), so a change
        /// in the machine's load moves them alike; each addition records the median over runs of its CPU time over the
        /// baseline's in the same run.
        func measure(_ baseline: String, _ base: @escaping () async throws -> Void, additions: [(name: String, body: () async throws -> Void)]) async throws {
            let bodies = [(name: baseline, body: base)] + additions
            guard bodies.contains(where: { wanted($0.name) }) else { return }
            var wall = [[Double]](repeating: [], count: bodies.count), cpu = wall
            for b in bodies { try await b.body() }  // warm-up: programs compiled, textures current
            while needsMore(wall[0]) {
                let run = wall[0].count
                for k in 0..<bodies.count {
                    let i = (run + k) % bodies.count
                    let t = try await timed(bodies[i].body)
                    wall[i].append(t.wall)
                    cpu[i].append(t.cpu)
                }
            }
            for (i, b) in bodies.enumerated() {
                var figure = Figure(name: b.name, milliseconds: BenchSupport.median(wall[i]) * 1000, cpuMilliseconds: BenchSupport.median(cpu[i]) * 1000, frames: wall[i].count)
                if i > 0 {
                    figure.over = baseline
                    figure.extraCPUPercent = BenchSupport.median(zip(cpu[i], cpu[0]).map { ($0 / $1 - 1) * 100 })
                }
                figures.append(figure)
            }
        }

        try await measure("full upload (allocate + \(g.dimensions.z) slices)") {
            await engine.release(ct)
            try await engine.updateTexture(for: ct)
        }
        let views = BenchViews(g, size: size)
        let axial = views.axial
        try await measure("axial MPR, linear") { _ = try await engine.render(axial, of: ct) }
        try await measure("oblique MPR, linear") { _ = try await engine.render(views.oblique, of: ct) }
        var obliqueNearest = views.oblique
        obliqueNearest.sampling = .nearest
        try await measure("oblique MPR, nearest (reference)") { _ = try await engine.render(obliqueNearest, of: ct) }
        try await measure("axial slab MIP 20 mm") { _ = try await engine.render(views.slab, of: ct) }
        for (degrees, mip) in views.mips {
            try await measure(String(format: "rotated MIP %.0f°, bone window", degrees)) { _ = try await engine.render(mip, of: ct) }
            if degrees == 30 {
                var full = mip
                full.emptySpaceSkipping = false
                try await measure("rotated MIP 30°, no skipping (reference)") { _ = try await engine.render(full, of: ct) }
            }
        }
        for (degrees, vr) in views.volumes {
            let name = BenchViews.volumeName(degrees)
            try await measure(name) { _ = try await engine.render(vr, of: ct) }
            if let pngFolder, figures.last?.name == name {
                let file = "lightbox_" + name.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "°", with: "deg").replacingOccurrences(of: ",", with: "") + ".png"
                try PNGCodec.write(try await engine.render(vr, of: ct), to: pngFolder.appendingPathComponent(file))
            }
            if degrees == 30 {
                var full = vr
                full.emptySpaceSkipping = false
                try await measure("volume rendering 30°, no skipping (reference)") { _ = try await engine.render(full, of: ct) }
            }
        }
        // The same voxels on an irregular stack (per-slice positions through the stack table), beside the grid figures.
        let irregular = try BenchVolumes.irregularCopy(of: ct)
        try await measure("axial MPR, irregular stack") { _ = try await engine.render(axial, of: irregular) }
        try await measure("oblique MPR, irregular stack") { _ = try await engine.render(views.oblique, of: irregular) }
        try await measure("rotated MIP 30°, irregular stack") { _ = try await engine.render(views.mips[1].view, of: irregular) }
        await engine.release(irregular)
        let insert = { BenchVolumes.fillCT(ct, study: study, slice: g.dimensions.z / 2) }
        try await measure("one-slice update (upload + bricks)", prepare: insert) { try await engine.updateTexture(for: ct) }
        try await measure("one-slice update + axial MPR frame", prepare: insert) { _ = try await engine.render(axial, of: ct) }
        let mip30 = views.mips[1].view
        try await measure("one-slice update + rotated MIP 30° frame", prepare: insert) { _ = try await engine.render(mip30, of: ct) }

        let calibration = SUVCalibration(patientWeightKg: study.patientWeightKg, injectedDoseBq: study.injectedDoseBq,
                                         halfLifeSeconds: study.halfLifeSeconds, uptakeSeconds: study.uptakeSeconds)
        let units = PETUnits.suvbw(bqmlToSUV: calibration.bqmlToSUV)
        let fusion = FusionView(plane: .axial(centre: g.centre), width: size, height: size, pixelSpacing: axial.pixelSpacing, units: units)

        // Segmentations over the axial MPR and fusion (their sections) and over the MIP (its projection), each beside
        // the same layout without it, frame by frame in turn: the body mask (most of the frame, the worst case) and one organ-sized ball.
        let labels = [("body", BenchVolumes.labels(of: ct)), ("organ", BenchVolumes.organ(of: ct))]
        for (name, content, style) in [
            ("axial MPR layout", Viewport.Content.mpr(axial, ct), SegmentationOverlay.Style.both),
            ("oblique MPR layout", .mpr(views.oblique, ct), .both),
            ("PET/CT fusion layout, axial", .fusion(fusion, ct: ct, pet: pet), .both),
            ("rotated MIP 30° layout", .mip(mip30, ct, colormap: .grey), .outline),
        ] {
            let plain = Layout.single(content, orientationLetters: false)
            let additions = labels.map { mask, volume in
                var overlaid = plain
                overlaid.segmentations = [SegmentationOverlay(labels: volume, style: style)]
                return (name: name + " + \(mask) " + (style == .both ? "fill+outline" : "outline"), body: { () async throws -> Void in _ = try await engine.render(overlaid) })
            }
            try await measure(name + ", no segmentation", { _ = try await engine.render(plain) }, additions: additions)
        }

        try await measure("PET/CT fusion, axial") { _ = try await engine.render(fusion, ct: ct, pet: pet) }
        let layout = Layout.petCT(ct: ct, pet: pet, units: units, width: 1024, height: 640)
        try await measure("3×3 + MIP PET/CT layout, 1024×640") { _ = try await engine.render(layout) }

        return Result(
            machine: BenchSupport.machine, renderer: try await engine.rendererDescription(),
            volume: "CT \(g.dimensions.x)×\(g.dimensions.y)×\(g.dimensions.z) int16 0.8×0.8×2 mm; PET 192×192×\(slices) float32; output \(size)²", runs: runs, figures: figures)
    }

    static func printTable(_ r: Result) {
        print("render benchmark: \(r.volume), medians of ≥ \(r.runs) frames per figure (frames in brackets), readback included")
        print("  machine   \(r.machine)")
        print("  renderer  \(r.renderer)")
        printFigures(r.figures)
    }

    /// One line per figure: name, median wall and CPU milliseconds, frames, and the CPU time it adds to the figure it
    /// is measured over.
    static func printFigures(_ figures: [Figure]) {
        let width = max(40, figures.map(\.name.count).max() ?? 0)
        for f in figures {
            let extra = f.extraCPUPercent.map { String(format: "  %+.1f %% CPU", $0) } ?? ""
            print("  " + f.name.padding(toLength: width, withPad: " ", startingAt: 0) + String(format: " %9.2f ms   (CPU %9.2f ms)  [%d]", f.milliseconds, f.cpuMilliseconds, f.frames) + extra)
        }
    }
}
