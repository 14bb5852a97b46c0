import Raster
import Render
import Volume
import XCTest

/// Volumes longer than one 3D texture allows are laid out as an atlas of blocks (TextureAtlas). Oracles:
/// nearest views through stored voxels equal the windowed voxels, slab and ray-cast MIPs the CPU extremes, at
/// and across the slices two blocks share; and every view of a volume bricked by a small forced texture size
/// equals, pixel for pixel, the same view of the volume as one texture.
final class BrickedVolumeTests: XCTestCase {
    let window = VOIWindow(centre: 200, width: 1000)
    /// Textures of at most 64 texels a side: volumes of a few hundred kilobytes become atlases.
    static let small: RenderEngine = {
        do { return try RenderEngine(textureLimits: TextureLimits(maxSize: 64)) } catch { fatalError("no OSMesa context: \(error)") }
    }()

    /// 16×16×2400 at GL_MAX_3D_TEXTURE_SIZE 2048: two blocks of 1201 slices sharing slice 1200.
    func testThinVolumeOf2400SlicesAtTheSharedSlice() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(16, 16, 2400), spacing: Vector3(1, 1, 1))
        let volume = try SyntheticVolume.make(g, type: .int16, rescale: Rescale(slope: 1, intercept: -24), stored: SyntheticVolume.pattern)
        try await checkOracles(volume, engine: TestEngine.shared, boundary: 1200, stored: SyntheticVolume.pattern)
        let statistics = await TestEngine.shared.textureStatistics(for: volume)
        XCTAssertEqual(statistics?.bytesUploaded, 2401 * 16 * 16 * 2, "slice 1200 is uploaded into both blocks")
    }

    /// A CT-sized 256×256×2400 volume (300 MiB of voxels), the same oracles.
    func testWholeBodySizedVolumeAtTheSharedSlice() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(256, 256, 2400), spacing: Vector3(1, 1, 1))
        let volume = try SyntheticVolume.empty(g, type: .int16, rescale: Rescale(slope: 1, intercept: -24))
        for k in 0..<2400 { Self.fillFast(volume, slice: k) }
        try await checkPlanes(volume, engine: TestEngine.shared, boundary: 1200, stored: Self.fastPattern)
        try await checkSlabs(volume, engine: TestEngine.shared, boundary: 1200, stored: Self.fastPattern)
        // 233 k runs through every residue mod 997 in 997 slices: along k every pixel's maximum is 996 − 300.
        let g2 = volume.geometry
        let alongK = MIPView(plane: .axial(centre: g2.centre), width: 256, height: 256, pixelSpacing: 1, window: window, sampling: .nearest)
        let top = window.apply(696 - 24)
        assertFrame(try await TestEngine.shared.render(alongK, of: volume), width: 256, height: 256, equals: { _, _ in top }, "ray-cast MIP along k")
        await TestEngine.shared.release(volume)
    }

    /// Splits along z (3 blocks side by side in x), along y and z, and along x and y: nearest oracles at the shared
    /// slices and every kind of view equal to the volume as one texture.
    func testForcedSmallTexturesMatchTheVolumeAsStored() async throws {
        for (d, boundary) in [(SIMD3(20, 60, 130), 43), (SIMD3(16, 100, 100), 50), (SIMD3(100, 100, 16), 8)] {
            let g = SyntheticVolume.geometry(dimensions: d, spacing: Vector3(1, 1, 1))
            let volume = try SyntheticVolume.make(g, type: .int16, rescale: Rescale(slope: 1, intercept: -24), stored: SyntheticVolume.pattern)
            try await checkOracles(volume, engine: Self.small, boundary: boundary, stored: SyntheticVolume.pattern)
            let layout = try Self.everyView(ct: volume, pet: try Self.pet(over: g))
            let bricked = try await Self.small.render(layout)
            let stored = try await TestEngine.shared.render(layout)
            assertSameFrame(bricked.frame, stored.frame, "\(d)")
        }
        let d = SIMD3(20, 60, 130)
        let volume = try SyntheticVolume.make(SyntheticVolume.geometry(dimensions: d, spacing: Vector3(1, 1, 1)), type: .int16, stored: SyntheticVolume.pattern)
        try await Self.small.updateTexture(for: volume)
        let statistics = await Self.small.textureStatistics(for: volume)
        XCTAssertEqual(statistics?.bytesUploaded, (130 + 2) * 20 * 60 * 2, "three blocks of 44 slices share slices 43 and 86")
    }

    /// Slices arriving in any order land in every block that holds them; frames of partial snapshots (background
    /// and nearest-loaded stand-ins) equal those of the volume as one texture.
    func testStreamedSlicesIntoBlocks() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(20, 60, 130), spacing: Vector3(1, 1, 1))
        let volume = try SyntheticVolume.empty(g, type: .int16)
        let pet = try Self.pet(over: g)
        for pass in [Array(stride(from: 43, to: 130, by: 43)), Array(stride(from: 0, to: 130, by: 3)), Array(0..<130)] {
            for k in pass { SyntheticVolume.fill(volume, slice: k, stored: SyntheticVolume.pattern) }
            for unloaded in [UnloadedSlices.background, .nearestLoaded] {
                var layout = try Self.everyView(ct: volume, pet: pet)
                layout.unloadedSlices = unloaded
                let bricked = try await Self.small.render(layout)
                let stored = try await TestEngine.shared.render(layout)
                assertSameFrame(bricked.frame, stored.frame, "\(pass.count) slices inserted, \(unloaded)")
            }
        }
    }

    // MARK: - Oracles

    /// Two frames of the same views. Trilinear weights come from normalised texture coordinates, whose float rounding
    /// depends on the texture's size (about 1e-5 texel here), so a level may move by one where a value sits on a
    /// rounding boundary: at most one level, in at most 1 sample in 2,000 (measured: 3–6 of 163,840).
    private func assertSameFrame(_ a: Frame, _ b: Frame, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.width, b.width, label, file: file, line: line)
        XCTAssertEqual(a.height, b.height, label, file: file, line: line)
        let pairs = zip(a.samples8, b.samples8).filter { $0 != $1 }
        let largest = pairs.map { abs(Int($0) - Int($1)) }.max() ?? 0
        XCTAssertTrue(largest <= 1 && pairs.count * 2000 <= a.samples8.count,
                      "\(label): \(pairs.count) of \(a.samples8.count) samples differ, by up to \(largest)", file: file, line: line)
    }

    /// Axial (nearest and linear on the grid) at and beside `boundary`, a coronal and a sagittal through all
    /// slices, slab MIP and MinIP across the boundary, and ray-cast MIPs along k and j, against the stored voxels
    /// (`stored`, rescaled with intercept −24).
    private func checkOracles(_ volume: ImageVolume, engine: RenderEngine, boundary: Int, stored: @escaping Pattern) async throws {
        try await checkPlanes(volume, engine: engine, boundary: boundary, stored: stored)
        try await checkSlabs(volume, engine: engine, boundary: boundary, stored: stored)
        try await checkMIPs(volume, engine: engine, stored: stored)
    }

    typealias Pattern = @Sendable (Int, Int, Int) -> Double

    private func checkPlanes(_ volume: ImageVolume, engine: RenderEngine, boundary: Int, stored: @escaping Pattern) async throws {
        let g = volume.geometry, d = g.dimensions
        let window = self.window
        let hu = { (i: Int, j: Int, k: Int) in window.apply(stored(i, j, k) - 24) }
        let middle = (Double(d.x - 1) / 2, Double(d.y - 1) / 2, Double(d.z - 1) / 2)
        for k in [boundary - 1, boundary, boundary + 1] {
            for sampling in [Sampling.nearest, .linear] {
                let view = MPRView(plane: .axial(centre: g.world(middle.0, middle.1, Double(k))), width: d.x, height: d.y,
                                   pixelSpacing: 1, window: window, sampling: sampling)
                assertFrame(try await engine.render(view, of: volume), width: d.x, height: d.y, equals: { c, r in hu(c, r, k) },
                            "\(d) axial k=\(k) \(sampling)")
            }
        }
        let j0 = d.y / 2, i0 = d.x / 3
        let coronal = MPRView(plane: .coronal(centre: g.world(middle.0, Double(j0), middle.2)), width: d.x, height: d.z,
                              pixelSpacing: 1, window: window, sampling: .nearest)
        assertFrame(try await engine.render(coronal, of: volume), width: d.x, height: d.z, equals: { c, r in hu(c, j0, d.z - 1 - r) },
                    "\(d) coronal j=\(j0)")
        let sagittal = MPRView(plane: .sagittal(centre: g.world(Double(i0), middle.1, middle.2)), width: d.y, height: d.z,
                               pixelSpacing: 1, window: window, sampling: .nearest)
        assertFrame(try await engine.render(sagittal, of: volume), width: d.y, height: d.z, equals: { c, r in hu(i0, c, d.z - 1 - r) },
                    "\(d) sagittal i=\(i0)")
    }

    private func checkSlabs(_ volume: ImageVolume, engine: RenderEngine, boundary: Int, stored: @escaping Pattern) async throws {
        let g = volume.geometry, d = g.dimensions
        let window = self.window
        for mode in [Slab.Mode.maximum, .minimum] {
            let slab = MPRView(plane: .axial(centre: g.world(Double(d.x - 1) / 2, Double(d.y - 1) / 2, Double(boundary))), width: d.x, height: d.y,
                               pixelSpacing: 1, window: window, sampling: .linear, slab: Slab(thickness: 7, mode: mode))
            assertFrame(try await engine.render(slab, of: volume), width: d.x, height: d.y, equals: { c, r in
                let values = (boundary - 3...boundary + 3).map { stored(c, r, $0) }
                return window.apply((mode == .maximum ? values.max()! : values.min()!) - 24)
            }, "\(d) slab \(mode) across k=\(boundary)")
        }
    }

    /// Rays along −normal: the axial MIP looks from the feet along +k, the coronal one from the front along +j.
    private func checkMIPs(_ volume: ImageVolume, engine: RenderEngine, stored: @escaping Pattern) async throws {
        let g = volume.geometry, d = g.dimensions
        let window = self.window
        let alongK = MIPView(plane: .axial(centre: g.centre), width: d.x, height: d.y, pixelSpacing: 1, window: window, sampling: .nearest)
        assertFrame(try await engine.render(alongK, of: volume), width: d.x, height: d.y, equals: { c, r in
            window.apply((0..<d.z).map { stored(c, r, $0) }.max()! - 24)
        }, "\(d) ray-cast MIP along k")
        // Nearest: trilinear reads at voxel centres are exact only while the normalised texture coordinate is (about
        // 1e-4 texel off at 1200 texels, which can move a level); the linear views are compared with the volume as one texture.
        let alongJ = MIPView(plane: .coronal(centre: g.centre), width: d.x, height: d.z, pixelSpacing: 1, window: window, sampling: .nearest)
        assertFrame(try await engine.render(alongJ, of: volume), width: d.x, height: d.z, equals: { c, r in
            window.apply((0..<d.y).map { stored(c, $0, d.z - 1 - r) }.max()! - 24)
        }, "\(d) ray-cast MIP along j")
    }

    /// One row of viewports showing every kind of view off the voxel grid (linear planes, oblique, slabs of each
    /// mode, a rotated MIP, fusion with the PET and PET alone).
    private static func everyView(ct: ImageVolume, pet: ImageVolume) throws -> Layout {
        let g = ct.geometry
        let w = VOIWindow(centre: 200, width: 1000)
        let off = g.world(Double(g.dimensions.x) / 2 - 0.3, Double(g.dimensions.y) / 2 + 0.2, Double(g.dimensions.z) / 2 + 0.35)
        let oblique = PlaneSpec.axial(centre: off).rotated(by: 0.6, about: Vector3(1, 1, 0))
        let size = 64
        func mpr(_ plane: PlaneSpec, slab: Slab? = nil) -> Viewport.Content {
            .mpr(MPRView(plane: plane, fitting: g, width: size, height: size, window: w, slab: slab), ct)
        }
        let units = PETUnits.suvbw(bqmlToSUV: 0.01)
        let d = g.dimensions
        let fusion = FusionView(plane: .coronal(centre: off), width: size, height: size, pixelSpacing: Double(max(d.x, d.y, d.z)) / Double(size), units: units)
        var petOnly = fusion
        petOnly.layers = .petOnly
        petOnly.slab = Slab(thickness: 5, mode: .average)
        let contents: [Viewport.Content] = [
            mpr(.axial(centre: off)), mpr(.coronal(centre: off)), mpr(.sagittal(centre: off)), mpr(oblique),
            mpr(oblique, slab: Slab(thickness: 9, mode: .maximum)), mpr(.coronal(centre: off), slab: Slab(thickness: 6, mode: .minimum)),
            mpr(.sagittal(centre: off), slab: Slab(thickness: 6, mode: .average)),
            .mip(MIPView.rotating(g, angle: 0.5, axis: Vector3(0.2, 0.1, 1), width: size, height: size, window: w), ct, colormap: .grey),
            .fusion(fusion, ct: ct, pet: pet), .fusion(petOnly, ct: ct, pet: pet),
        ]
        let viewports = contents.enumerated().map { n, content in Viewport(content, x: n * size, orientationLetters: false) }
        return Layout(width: size * contents.count, height: size, viewports: viewports)
    }

    /// A Float32 PET over the CT's field of view at a third of its resolution along j and k, so it too is bricked
    /// when the CT is.
    private static func pet(over ct: VolumeGeometry) throws -> ImageVolume {
        let d = ct.dimensions
        let g = SyntheticVolume.geometry(
            dimensions: SIMD3(d.x, max(2, d.y / 3), max(2, d.z / 3)), spacing: Vector3(1, 3, 3), origin: ct.world(0, 1, 1))
        let volume = try SyntheticVolume.make(g, type: .float32) { i, j, k in 500 + SyntheticVolume.pattern(i, j, k) * 2 }
        return volume
    }

    /// A pattern as varied as `SyntheticVolume.pattern`, written with pointer loops: 157 M voxels fill in seconds.
    static func fastPattern(_ i: Int, _ j: Int, _ k: Int) -> Double {
        Double((i * 73 + j * 151 + k * 233) % 997 - 300)
    }

    static func fillFast(_ volume: ImageVolume, slice k: Int) {
        let d = volume.geometry.dimensions
        volume.insert(slice: k) { bytes in
            let out = bytes.bindMemory(to: Int16.self)
            for j in 0..<d.y {
                var v = (j * 151 + k * 233) % 997
                for i in 0..<d.x {
                    out[j * d.x + i] = Int16(v - 300)
                    v += 73
                    if v >= 997 { v -= 997 }
                }
            }
        }
    }
}
