import Foundation
import Phantom
import Raster
import Render
import Volume

/// `lightbox bench large`: the phantom CT as a thin-slice whole-body series (0.625 mm slices, 2400 by default),
/// longer than one 3D texture allows, so the renderer lays it out as an atlas of blocks. Times the full upload and
/// the views at the slice two blocks share (axial, coronal through every slice, 20 mm slab MIP, ray-cast MIP), and
/// prints the peak RSS beside the voxel and texture bytes. Not a test: nothing fails on a time.
struct LargeVolumeBenchmark {
    struct Result: Encodable {
        var machine: String
        var renderer: String
        var volume: String
        var voxelBytes: Int
        var textureBytes: Int
        var peakRSSBytes: Int
        var figures: [RenderBenchmark.Figure]
    }

    var columns: Int
    var slices: Int
    var runs: Int
    var size: Int
    /// Folder for the frames as PNG; nil for none.
    var out: URL?

    func run() async throws -> Result {
        let step = 0.625
        var study = BenchVolumes.study()
        study.ct = PhantomGrid(columns: columns, rows: columns, slices: slices, pixelSpacing: 409.6 / Double(columns), sliceStep: step,
                               firstSliceZ: -Double(slices - 1) / 2 * step)
        var figures: [RenderBenchmark.Figure] = []
        func figure(_ name: String, _ seconds: [(wall: Double, cpu: Double)]) {
            figures.append(.init(name: name, milliseconds: BenchSupport.median(seconds.map(\.wall)) * 1000,
                                 cpuMilliseconds: BenchSupport.median(seconds.map(\.cpu)) * 1000, frames: seconds.count))
        }
        var ct: ImageVolume?
        let fill = try BenchSupport.timeWithCPU { ct = try BenchVolumes.ct(study) }
        figure("fill the volume (phantom slices)", [fill])
        guard let ct else { preconditionFailure("filled above") }
        let engine = try RenderEngine()
        var upload: [(wall: Double, cpu: Double)] = []
        for _ in 0..<2 {
            await engine.release(ct)
            let cpu = BenchSupport.cpuSeconds
            let wall = try await BenchSupport.time { try await engine.updateTexture(for: ct) }
            upload.append((wall, BenchSupport.cpuSeconds - cpu))
        }
        figure("full upload (allocate + \(slices) slices)", upload)
        let g = ct.geometry
        // The middle slice: with two blocks, the one they share.
        let shared = g.world(Double(columns - 1) / 2, Double(columns - 1) / 2, Double(slices / 2))
        let axial = MPRView(plane: .axial(centre: shared), fitting: g, width: size, height: size, window: .mediastinum)
        let coronal = MPRView(plane: .coronal(centre: g.centre), fitting: g, width: size, height: size, window: .mediastinum)
        var slab = axial
        slab.slab = Slab(thickness: 20, mode: .maximum)
        let mip = MIPView.rotating(g, angle: 0, width: size, height: size, window: .bone)
        let views: [(String, (RenderEngine) async throws -> Frame)] = [
            ("axial MPR at the shared slice", { try await $0.render(axial, of: ct) }),
            ("coronal MPR (every slice)", { try await $0.render(coronal, of: ct) }),
            ("axial slab MIP 20 mm across it", { try await $0.render(slab, of: ct) }),
            ("rotated MIP 0°, bone window", { try await $0.render(mip, of: ct) }),
        ]
        for (name, render) in views {
            var frame = try await render(engine)
            var times: [(wall: Double, cpu: Double)] = []
            for _ in 0..<runs {
                let cpu = BenchSupport.cpuSeconds
                let wall = try await BenchSupport.time { frame = try await render(engine) }
                times.append((wall, BenchSupport.cpuSeconds - cpu))
            }
            figure(name, times)
            if let out {
                try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
                let file = name.split(separator: " ").prefix(2).joined(separator: "-").lowercased() + ".png"
                try PNGCodec.write(frame, to: out.appendingPathComponent(file))
            }
        }
        let statistics = await engine.textureStatistics(for: ct)
        return Result(
            machine: BenchSupport.machine, renderer: try await engine.rendererDescription(),
            volume: "CT \(columns)×\(columns)×\(slices) int16 \(String(format: "%.2f", 409.6 / Double(columns)))×\(String(format: "%.2f", 409.6 / Double(columns)))×\(step) mm; output \(size)²",
            voxelBytes: g.dimensions.x * g.dimensions.y * g.dimensions.z * ct.voxelType.byteCount, textureBytes: statistics?.textureBytes ?? 0, peakRSSBytes: BenchSupport.peakRSS, figures: figures)
    }

    static func printTable(_ r: Result) {
        print("large-volume benchmark: \(r.volume), medians (frames in brackets), readback included")
        print("  machine   \(r.machine)")
        print("  renderer  \(r.renderer)")
        RenderBenchmark.printFigures(r.figures)
        print("  voxels \(BenchSupport.mib(r.voxelBytes)), texture \(BenchSupport.mib(r.textureBytes)), peak RSS \(BenchSupport.mib(r.peakRSSBytes))"
              + String(format: " (%.2f × voxels + texture; target ≤ 1.5)", (Double(r.peakRSSBytes) - Double(r.textureBytes)) / Double(r.voxelBytes)))
    }
}
