import Raster
import Render
import Volume
import XCTest

/// Axis-aligned MPRs through voxel centres with nearest sampling must equal the windowed stored voxels,
/// pixel for pixel. Expected pixels are derived by hand from each acquisition's axes, not from the
/// renderer's world→index math.
final class MPROracleTests: XCTestCase {
    let window = VOIWindow(centre: 200, width: 1000)

    /// Axial acquisition (i = +x, j = +y, k = +z), 0.7 × 0.7 × 2.1 mm: three output rows per slice in coronal/sagittal.
    func testAxialAcquisitionInAllThreePlanes() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(37, 29, 23), spacing: Vector3(0.7, 0.7, 2.1))
        let volume = try SyntheticVolume.make(g, type: .int16, rescale: Rescale(slope: 1, intercept: -24), stored: SyntheticVolume.pattern)
        let hu = { (i: Int, j: Int, k: Int) in self.window.apply(SyntheticVolume.pattern(i, j, k) - 24) }
        let d = g.dimensions
        let engine = TestEngine.shared
        for k0 in [0, 11, 22] {
            let view = MPRView(plane: .axial(centre: g.world(18, 14, Double(k0))), width: 37, height: 29, pixelSpacing: 0.7, window: window, sampling: .nearest)
            assertFrame(try await engine.render(view, of: volume), width: 37, height: 29, equals: { c, r in hu(c, r, k0) }, "axial k=\(k0)")
        }
        // Scrolling: the axial normal points to the feet (towards the viewer), so moving by +2.1 mm goes one slice down.
        let scrolled = MPRView(plane: PlaneSpec.axial(centre: g.world(18, 14, 11)).moved(by: 2.1), width: 37, height: 29, pixelSpacing: 0.7, window: window, sampling: .nearest)
        assertFrame(try await engine.render(scrolled, of: volume), width: 37, height: 29, equals: { c, r in hu(c, r, 10) }, "axial moved 2.1 mm")
        // Rows: centre at k = 11, 3·23 − 2 rows of 0.7 mm; row r lies at k = 22 − r/3, never halfway.
        let rows = 3 * d.z - 2
        for j0 in [0, 13] {
            let view = MPRView(plane: .coronal(centre: g.world(18, Double(j0), 11)), width: 37, height: rows, pixelSpacing: 0.7, window: window, sampling: .nearest)
            assertFrame(try await engine.render(view, of: volume), width: 37, height: rows,
                        equals: { c, r in hu(c, j0, 22 - Int((Double(r) / 3).rounded())) }, "coronal j=\(j0)")
        }
        for i0 in [5, 36] {
            let view = MPRView(plane: .sagittal(centre: g.world(Double(i0), 14, 11)), width: 29, height: rows, pixelSpacing: 0.7, window: window, sampling: .nearest)
            assertFrame(try await engine.render(view, of: volume), width: 29, height: rows,
                        equals: { c, r in hu(i0, c, 22 - Int((Double(r) / 3).rounded())) }, "sagittal i=\(i0)")
        }
    }

    /// Sagittal acquisition, IOP 0\1\0\0\0\-1: i = +y (posterior), j = −z (inferior), k = −x (patient right),
    /// 0.9 × 0.9 × 2.7 mm. Its own plane shows as stored; axial and coronal columns run along −k.
    func testSagittalAcquisitionWithAnisotropicSpacing() async throws {
        let g = SyntheticVolume.geometry(
            dimensions: SIMD3(31, 27, 13), spacing: Vector3(0.9, 0.9, 2.7), origin: Vector3(40, -50, 60),
            i: Vector3(0, 1, 0), j: Vector3(0, 0, -1), k: Vector3(-1, 0, 0))
        let volume = try SyntheticVolume.make(g, type: .int16, rescale: Rescale(slope: 2, intercept: -100), stored: SyntheticVolume.pattern)
        let hu = { (i: Int, j: Int, k: Int) in self.window.apply(SyntheticVolume.pattern(i, j, k) * 2 - 100) }
        let engine = TestEngine.shared
        let sagittal = MPRView(plane: .sagittal(centre: g.world(15, 13, 4)), width: 31, height: 27, pixelSpacing: 0.9, window: window, sampling: .nearest)
        assertFrame(try await engine.render(sagittal, of: volume), width: 31, height: 27, equals: { c, r in hu(c, r, 4) }, "sagittal (native) k=4")
        // Screen right = +x = −k: column c lies at k = 12 − c/3 (centre k = 6, 3·13 − 2 columns).
        let columns = 3 * 13 - 2
        let axial = MPRView(plane: .axial(centre: g.world(15, 20, 6)), width: columns, height: 31, pixelSpacing: 0.9, window: window, sampling: .nearest)
        assertFrame(try await engine.render(axial, of: volume), width: columns, height: 31,
                    equals: { c, r in hu(r, 20, 12 - Int((Double(c) / 3).rounded())) }, "axial of sagittal acquisition")
        let coronal = MPRView(plane: .coronal(centre: g.world(9, 13, 6)), width: columns, height: 27, pixelSpacing: 0.9, window: window, sampling: .nearest)
        assertFrame(try await engine.render(coronal, of: volume), width: columns, height: 27,
                    equals: { c, r in hu(9, r, 12 - Int((Double(c) / 3).rounded())) }, "coronal of sagittal acquisition")
    }

    func testFloat32Volume() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(19, 17, 11), spacing: Vector3(1.5, 1.5, 1.5))
        let value = { (i: Int, j: Int, k: Int) in SyntheticVolume.pattern(i, j, k) / 4 }  // quarter steps: exact in Float
        let volume = try SyntheticVolume.make(g, type: .float32, stored: value)
        let pet = VOIWindow(centre: 50, width: 200)
        let engine = TestEngine.shared
        let view = MPRView(plane: .axial(centre: g.world(9, 8, 7)), width: 19, height: 17, pixelSpacing: 1.5, window: pet, sampling: .nearest)
        assertFrame(try await engine.render(view, of: volume), width: 19, height: 17, equals: { c, r in pet.apply(value(c, r, 7)) }, "float32 axial")
        let coronal = MPRView(plane: .coronal(centre: g.world(9, 3, 5)), width: 19, height: 11, pixelSpacing: 1.5, window: pet, sampling: .nearest)
        assertFrame(try await engine.render(coronal, of: volume), width: 19, height: 11, equals: { c, r in pet.apply(value(c, 3, 10 - r)) }, "float32 coronal")
    }

    func testUInt16Volume() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(23, 21, 5), spacing: Vector3(1, 1, 1))
        let value = { (i: Int, j: Int, k: Int) in SyntheticVolume.pattern(i, j, k) + 300 + Double(i * 2000) }
        let volume = try SyntheticVolume.make(g, type: .uint16, stored: value)
        let wide = VOIWindow(centre: 22000, width: 44000)
        let view = MPRView(plane: .axial(centre: g.world(11, 10, 2)), width: 23, height: 21, pixelSpacing: 1, window: wide, sampling: .nearest)
        assertFrame(try await TestEngine.shared.render(view, of: volume), width: 23, height: 21, equals: { c, r in wide.apply(value(c, r, 2)) }, "uint16 axial")
    }

    /// Radiological convention, checked with single bright voxels at known patient sides.
    func testOrientationMarkers() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(20, 20, 20), spacing: Vector3(1, 1, 1), origin: Vector3(-9.5, -9.5, -9.5))
        // Marker at patient Left (+x), Anterior (−y), Superior (+z): index (17, 2, 17).
        let volume = try SyntheticVolume.make(g, type: .int16) { i, j, k in (i, j, k) == (17, 2, 17) ? 1000 : 0 }
        let w = VOIWindow(centre: 500, width: 100)
        func brightest(_ frame: Frame) -> (Int, Int) {
            var best = (0, 0)
            for y in 0..<frame.height { for x in 0..<frame.width where frame.grey(x, y) > frame.grey(best.0, best.1) { best = (x, y) } }
            return best
        }
        let engine = TestEngine.shared
        let marker = g.world(17, 2, 17)
        let axial = try await engine.render(MPRView(plane: .axial(centre: Vector3(0, 0, marker.z)), width: 20, height: 20, pixelSpacing: 1, window: w, sampling: .nearest), of: volume)
        XCTAssertEqual(brightest(axial).0, 17, "axial: patient Left on screen right")
        XCTAssertEqual(brightest(axial).1, 2, "axial: Anterior at the top")
        let coronal = try await engine.render(MPRView(plane: .coronal(centre: Vector3(0, marker.y, 0)), width: 20, height: 20, pixelSpacing: 1, window: w, sampling: .nearest), of: volume)
        XCTAssertEqual(brightest(coronal).0, 17, "coronal: patient Left on screen right")
        XCTAssertEqual(brightest(coronal).1, 2, "coronal: Superior at the top")
        let sagittal = try await engine.render(MPRView(plane: .sagittal(centre: Vector3(marker.x, 0, 0)), width: 20, height: 20, pixelSpacing: 1, window: w, sampling: .nearest), of: volume)
        XCTAssertEqual(brightest(sagittal).0, 2, "sagittal: Anterior on screen left")
        XCTAssertEqual(brightest(sagittal).1, 2, "sagittal: Superior at the top")
        XCTAssertEqual(axial.grey(17, 2), 255)
    }

    func testOutsideTheVolumeIsBlack() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(8, 8, 8), spacing: Vector3(1, 1, 1))
        let volume = try SyntheticVolume.make(g, type: .int16) { _, _, _ in 1000 }
        let view = MPRView(plane: .axial(centre: g.world(3.5, 3.5, 3.5)), width: 16, height: 16, pixelSpacing: 1, window: .bone, sampling: .nearest)
        let frame = try await TestEngine.shared.render(view, of: volume)
        // Pixel c sits at index c − 4: the volume (−0.5 … 7.5) covers pixels 4 … 11.
        let inside = VOIWindow.bone.apply(1000)
        for (x, y) in [(4, 4), (11, 11), (4, 11)] { XCTAssertEqual(frame.grey(x, y), inside, "(\(x),\(y))") }
        for (x, y) in [(0, 0), (3, 8), (12, 8), (8, 3), (8, 12)] { XCTAssertEqual(frame.grey(x, y), 0, "(\(x),\(y))") }
    }
}
