import Raster
import Render
import Volume
import XCTest

/// A volume over the texture-memory budget is drawn from a copy averaged `factor` × `factor` in-plane (the smallest
/// power of two that fits), and the texture's statistics say so (`reducedFidelity`). Oracles on the reduced grid:
/// a nearest axial view through a stored slice equals the window of each 2 × 2 block's mean (rounded to the stored
/// type), a ray-cast MIP along k the maximum of those means; slices keep their places, streamed or not.
final class ReducedTextureTests: XCTestCase {
    let window = VOIWindow(centre: 200, width: 1000)
    static let d = SIMD3(40, 30, 24)
    /// 40×30×24 int16 voxels are 57,600 bytes; reduced 2 × 2 they are 14,400, within a budget of 20,000.
    static let budget = TextureLimits(maxSize: 2048, maxBytes: 20_000)

    /// The rounded mean of the 2 × 2 block of stored values the reduced voxel (x, y, k) stands for.
    static func mean(_ x: Int, _ y: Int, _ k: Int) -> Double {
        let values = [(0, 0), (1, 0), (0, 1), (1, 1)].map { SyntheticVolume.pattern(2 * x + $0.0, 2 * y + $0.1, k) }
        return (values.reduce(0, +) / 4).rounded()
    }

    func testVolumeOverTheBudgetIsDrawnFromAReducedCopy() async throws {
        let g = SyntheticVolume.geometry(dimensions: Self.d, spacing: Vector3(1, 1, 2))
        let volume = try SyntheticVolume.make(g, type: .int16, rescale: Rescale(slope: 1, intercept: -24), stored: SyntheticVolume.pattern)
        let engine = try RenderEngine(textureLimits: Self.budget)
        try await checkReducedViews(volume, engine: engine, slices: Array(0..<Self.d.z))
        let statistics = await engine.textureStatistics(for: volume)
        XCTAssertEqual(statistics?.reductionFactor, 2)
        XCTAssertEqual(statistics?.reducedFidelity, true)
        XCTAssertEqual(statistics?.textureBytes, 20 * 15 * 24 * 2, "the texture holds the reduced copy")
        // Within the default budget the same volume is drawn as stored.
        try await TestEngine.shared.updateTexture(for: volume)
        let stored = await TestEngine.shared.textureStatistics(for: volume)
        XCTAssertEqual(stored?.reducedFidelity, false)
        await TestEngine.shared.release(volume)
    }

    /// Slices inserted after the first frames reach the reduced copy; absent ones stay absent (background).
    func testStreamedSlicesReachTheReducedCopy() async throws {
        let g = SyntheticVolume.geometry(dimensions: Self.d, spacing: Vector3(1, 1, 2))
        let volume = try SyntheticVolume.empty(g, type: .int16, rescale: Rescale(slope: 1, intercept: -24))
        let engine = try RenderEngine(textureLimits: Self.budget)
        var loaded: [Int] = []
        for pass in [[5, 11], Array(stride(from: 0, to: Self.d.z, by: 3)), Array(0..<Self.d.z)] {
            for k in pass { SyntheticVolume.fill(volume, slice: k, stored: SyntheticVolume.pattern) }
            loaded = Array(Set(loaded + pass)).sorted()
            try await checkReducedViews(volume, engine: engine, slices: loaded)
        }
    }

    /// Nearest axial views on the reduced grid through `slices` (each loaded) and, once all are, a MIP along k.
    private func checkReducedViews(_ volume: ImageVolume, engine: RenderEngine, slices: [Int],
                                   file: StaticString = #filePath, line: UInt = #line) async throws {
        let g = volume.geometry, d = g.dimensions, window = self.window
        let (w, h) = (d.x / 2, d.y / 2)
        // Pixel (c, r) at source voxel (2c + 0.5, 2r + 0.5): the centre of the block reduced voxel (c, r) stands for.
        for k in [slices.first!, slices[slices.count / 2], slices.last!] {
            let view = MPRView(plane: .axial(centre: g.world(Double(d.x - 1) / 2, Double(d.y - 1) / 2, Double(k))), width: w, height: h,
                               pixelSpacing: 2, window: window, sampling: .nearest)
            assertFrame(try await engine.render(view, of: volume), width: w, height: h,
                        equals: { c, r in window.apply(Self.mean(c, r, k) - 24) }, "axial k=\(k), \(slices.count) slices", file: file, line: line)
        }
        guard slices.count == d.z else { return }
        let mip = MIPView(plane: .axial(centre: g.world(Double(d.x - 1) / 2, Double(d.y - 1) / 2, Double(d.z - 1) / 2)), width: w, height: h,
                          pixelSpacing: 2, window: window, sampling: .nearest)
        assertFrame(try await engine.render(mip, of: volume), width: w, height: h,
                    equals: { c, r in window.apply((0..<d.z).map { Self.mean(c, r, $0) }.max()! - 24) }, "MIP along k", file: file, line: line)
    }
}
