import Raster
import Render
import Volume
import XCTest

/// Axis-aligned whole-volume MIPs must equal the CPU maximum along that axis, windowed, exactly.
final class MIPOracleTests: XCTestCase {
    let window = VOIWindow(centre: 150, width: 700)
    let g = SyntheticVolume.geometry(dimensions: SIMD3(37, 29, 23), spacing: Vector3(1, 1, 1))

    func makeVolume() throws -> ImageVolume {
        try SyntheticVolume.make(g, type: .int16, rescale: Rescale(slope: 1, intercept: -24), stored: SyntheticVolume.pattern)
    }

    func maximum(_ values: [Double]) -> UInt8 { window.apply(values.max()! - 24) }

    func testSlabMIPThroughWholeVolumeEqualsCPUMaximumAlongK() async throws {
        let volume = try makeVolume()
        let d = g.dimensions
        let view = MPRView(
            plane: .axial(centre: g.centre), width: d.x, height: d.y, pixelSpacing: 1, window: window,
            sampling: .nearest, slab: Slab(thickness: Double(d.z), mode: .maximum))
        assertFrame(try await TestEngine.shared.render(view, of: volume), width: d.x, height: d.y, equals: { c, r in
            self.maximum((0..<d.z).map { SyntheticVolume.pattern(c, r, $0) })
        }, "axial slab MIP")
    }

    /// On the voxel grid trilinear sampling returns the voxels themselves (MPRPass then reads them
    /// nearest): a linear slab MIP through part of the volume equals the CPU maximum over its slices.
    func testVoxelAlignedLinearSlabEqualsCPUMaximum() async throws {
        let volume = try makeVolume()
        let d = g.dimensions
        let view = MPRView(
            plane: .axial(centre: g.world(Double(d.x - 1) / 2, Double(d.y - 1) / 2, 11)), width: d.x, height: d.y, pixelSpacing: 1,
            window: window, sampling: .linear, slab: Slab(thickness: 5, mode: .maximum))
        assertFrame(try await TestEngine.shared.render(view, of: volume), width: d.x, height: d.y, equals: { c, r in
            self.maximum((9...13).map { SyntheticVolume.pattern(c, r, $0) })
        }, "voxel-aligned linear axial slab MIP")
    }

    /// A voxel-aligned slab reaching past the volume's end reduces the slices inside it (the grid slab program clamps
    /// the samples beyond the end onto the end slice), and one wholly outside the volume is black.
    func testVoxelAlignedSlabPastTheVolumeEnd() async throws {
        let volume = try makeVolume()
        let d = g.dimensions
        for (k, slices) in [(1.0, Array(0...4)), (21.0, Array(18...22)), (-5.0, [])] {
            for mode in [Slab.Mode.maximum, .minimum] {
                let view = MPRView(
                    plane: .axial(centre: g.world(Double(d.x - 1) / 2, Double(d.y - 1) / 2, k)), width: d.x, height: d.y, pixelSpacing: 1,
                    window: window, sampling: .linear, slab: Slab(thickness: 7, mode: mode))
                assertFrame(try await TestEngine.shared.render(view, of: volume), width: d.x, height: d.y, equals: { c, r in
                    let values = slices.map { SyntheticVolume.pattern(c, r, $0) }
                    guard let extreme = mode == .maximum ? values.max() : values.min() else { return 0 }
                    return self.window.apply(extreme - 24)
                }, "\(mode) slab at k = \(k)")
            }
        }
    }

    /// Slabs on the voxel grid along each axis, for each voxel type and a negative slope (their extremes reduced on
    /// the CPU, `SlabExtremeImage`), equal pixel for pixel the extreme of the single planes through their slices, which
    /// the plane shader draws (the window is monotonic, so the extreme of windowed planes is the windowed extreme).
    func testGridSlabsAlongEveryAxisEqualTheExtremeOfTheirPlanes() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(11, 9, 8), spacing: Vector3(1, 1, 1))
        let d = g.dimensions
        let window = VOIWindow(centre: 200, width: 1200)
        let cases: [(VoxelType, Rescale, (Int, Int, Int) -> Double)] = [
            (.int16, Rescale(slope: -1, intercept: 100), SyntheticVolume.pattern),
            (.uint16, Rescale(slope: 1, intercept: -300), { SyntheticVolume.pattern($0, $1, $2) + 300 }),
            (.float32, .identity, { SyntheticVolume.pattern($0, $1, $2) + 0.25 }),
        ]
        for (type, rescale, stored) in cases {
            let volume = try SyntheticVolume.make(g, type: type, rescale: rescale, stored: stored)
            for axis in 0..<3 {
                // The plane through index `s` along `axis`, centred on the volume along the other two.
                func view(at s: Int, slab: Slab?) -> MPRView {
                    var centre = (Vector3(d) - 1) / 2
                    centre[axis] = Double(s)
                    let world = g.world(centre.x, centre.y, centre.z)
                    let plane: PlaneSpec = axis == 0 ? .sagittal(centre: world) : axis == 1 ? .coronal(centre: world) : .axial(centre: world)
                    let size = [0, 1, 2].filter { $0 != axis }.map { d[$0] }
                    return MPRView(plane: plane, width: size[0], height: size[1], pixelSpacing: 1, window: window,
                                   sampling: slab == nil ? .nearest : .linear, slab: slab)
                }
                let middle = d[axis] / 2
                var planes: [Frame] = []
                for s in (middle - 1)...(middle + 1) { planes.append(try await TestEngine.shared.render(view(at: s, slab: nil), of: volume)) }
                for mode in [Slab.Mode.maximum, .minimum] {
                    let slab = view(at: middle, slab: Slab(thickness: 3, mode: mode))
                    let frame = try await TestEngine.shared.render(slab, of: volume)
                    assertFrame(frame, width: slab.width, height: slab.height, equals: { x, y in
                        let levels = planes.map { $0.grey(x, y) }
                        return mode == .maximum ? levels.max()! : levels.min()!
                    }, "\(type) slab \(mode) along axis \(axis)")
                    XCTAssertGreaterThan(Set(frame.samples8).count, 10, "the slab shows the pattern")
                }
            }
        }
    }

    func testSlabMinIPThroughWholeVolumeEqualsCPUMinimumAlongJ() async throws {
        let volume = try makeVolume()
        let d = g.dimensions
        let view = MPRView(
            plane: .coronal(centre: g.centre), width: d.x, height: d.z, pixelSpacing: 1, window: window,
            sampling: .nearest, slab: Slab(thickness: Double(d.y), mode: .minimum))
        assertFrame(try await TestEngine.shared.render(view, of: volume), width: d.x, height: d.z, equals: { c, r in
            self.window.apply((0..<d.y).map { SyntheticVolume.pattern(c, $0, d.z - 1 - r) }.min()! - 24)
        }, "coronal slab MinIP")
    }

    /// Ray-cast MIP at angle 0 looks from the front: rays along +y (j), pixel (c, r) ↔ (i = c, k = 22 − r).
    func testRayCastMIPFrontEqualsCPUMaximumAlongJ() async throws {
        let volume = try makeVolume()
        let d = g.dimensions
        for sampling in [Sampling.nearest, .linear] {
            for skipping in [true, false] {
                let view = MIPView(plane: .coronal(centre: g.centre), width: d.x, height: d.z, pixelSpacing: 1, window: window, sampling: sampling, emptySpaceSkipping: skipping)
                assertFrame(try await TestEngine.shared.render(view, of: volume), width: d.x, height: d.z, equals: { c, r in
                    self.maximum((0..<d.y).map { SyntheticVolume.pattern(c, $0, d.z - 1 - r) })
                }, "ray-cast MIP front, \(sampling), skipping \(skipping)")
            }
        }
    }

    /// Turned 90° about S the rotating MIP looks from the patient's left: rays along −x, screen right = +y (j).
    func testRayCastMIPFromLeftEqualsCPUMaximumAlongI() async throws {
        let volume = try makeVolume()
        let d = g.dimensions
        let plane = PlaneSpec.coronal(centre: g.centre).rotated(by: .pi / 2, about: Vector3(0, 0, 1))
        let view = MIPView(plane: plane, width: d.y, height: d.z, pixelSpacing: 1, window: window, sampling: .nearest)
        assertFrame(try await TestEngine.shared.render(view, of: volume), width: d.y, height: d.z, equals: { c, r in
            self.maximum((0..<d.x).map { SyntheticVolume.pattern($0, c, d.z - 1 - r) })
        }, "ray-cast MIP from the left")
    }

    /// Skipping bricks never changes a rotated MIP, for windows that skip a lot and a little.
    func testSkippingDoesNotChangeAnObliqueMIP() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(40, 36, 30), spacing: Vector3(0.8, 0.8, 1.3))
        let volume = try SyntheticVolume.make(g, type: .int16, rescale: Rescale(slope: 1, intercept: -1024)) { i, j, k in
            let blob = (i - 12) * (i - 12) + (j - 20) * (j - 20) + (k - 9) * (k - 9) < 40
            return blob ? 2400 : (i > 30 && k > 20 ? 1100 + SyntheticVolume.pattern(i, j, k) : 0)
        }
        for window in [VOIWindow.bone, .mediastinum, .lung] {
            var view = MIPView.rotating(g, angle: 0.7, axis: Vector3(0.3, 0.2, 1), width: 96, height: 80, window: window)
            let skipped = try await TestEngine.shared.render(view, of: volume)
            view.emptySpaceSkipping = false
            let full = try await TestEngine.shared.render(view, of: volume)
            XCTAssertEqual(skipped, full, "window \(window)")
            XCTAssertGreaterThan(Set(full.samples8).count, 3, "the frame shows something")
        }
    }
}
