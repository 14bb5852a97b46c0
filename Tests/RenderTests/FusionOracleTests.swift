import Raster
import Render
import Volume
import XCTest

/// Fusion frames against a CPU reference of the same formulas, within 1 grey level per channel
/// (the blend of two 8-bit values can land on a half level, which GL may round either way).
///
/// PET values are chosen so each display value sits on an exact colormap entry (v = n × 0.1 over a
/// 0 … 25.5 window, entry n) and every PET grid boundary lies between CT voxel centres, so no
/// rounding edge is hit and the comparison is exact up to that half-level blend.
final class FusionOracleTests: XCTestCase {
    let engine = TestEngine.shared
    let ctGeometry = SyntheticVolume.geometry(dimensions: SIMD3(48, 40, 24), spacing: Vector3(1.2, 1.2, 2.5))
    let units = PETUnits.suvbw(bqmlToSUV: 1e-4)
    let window = VOIWindow(centre: 40, width: 400)

    func ct() throws -> ImageVolume {
        try SyntheticVolume.make(ctGeometry, type: .int16, rescale: Rescale(slope: 1, intercept: -1024)) { i, j, k in
            SyntheticVolume.pattern(i, j, k) + 1024
        }
    }

    /// PET activity n × 1000 Bq/ml, n = 0 … 26: SUV n / 10.
    static func activity(_ i: Int, _ j: Int, _ k: Int) -> Double {
        let n: Int = (7 * i + 3 * j + 11 * k) % 27
        return Double(n) * 1000
    }

    func view(_ k: Int, sampling: Sampling, layers: FusionView.Layers = .fused) -> FusionView {
        FusionView(
            plane: .axial(centre: ctGeometry.world(23.5, 19.5, Double(k))), width: 48, height: 40, pixelSpacing: 1.2,
            ctWindow: window, petWindow: PETWindow(lower: 0, upper: 25.5), colormap: .pet, opacity: 0.4, threshold: 0.95,
            units: units, layers: layers, sampling: sampling)
    }

    /// A PET that is a Float32 copy on the CT grid: both nearest and trilinear read voxel centres exactly.
    func testPETOnTheCTGrid() async throws {
        let ct = try ct()
        let pet = try SyntheticVolume.make(ctGeometry, type: .float32, stored: Self.activity)
        for (k, sampling) in [(0, Sampling.nearest), (11, .nearest), (23, .nearest), (7, .linear)] {
            let v = view(k, sampling: sampling)
            let frame = try await engine.render(v, ct: ct, pet: pet).frame
            let stats = try assertRGB(frame, v, "k=\(k) \(sampling)") { c, r in
                (ct.value(c, r, k), Self.activity(c, r, k) * self.units.factor)
            }
            XCTAssertGreaterThan(stats.overlaid, 100, "PET above threshold shows")
            XCTAssertGreaterThan(stats.plain, 100, "PET at or below threshold is transparent")
        }
    }

    /// A coarser PET (2× the spacing) offset from the CT and covering only part of it: sampled at each
    /// pixel's world point through its own grid; outside it the CT shows alone.
    func testPETOnItsOwnSmallerGrid() async throws {
        let ct = try ct()
        let petGeometry = VolumeGeometry(
            dimensions: SIMD3(20, 16, 10), spacing: Vector3(2.4, 2.4, 5), origin: ctGeometry.world(0.5 + 4, 0.5 + 2, 0.5 + 2),
            iDirection: Vector3(1, 0, 0), jDirection: Vector3(0, 1, 0), kDirection: Vector3(0, 0, 1))
        let pet = try SyntheticVolume.make(petGeometry, type: .float32, stored: Self.activity)
        var outside = 0
        for k in [3, 12, 20, 23] {
            let v = view(k, sampling: .nearest)
            let frame = try await engine.render(v, ct: ct, pet: pet).frame
            try assertRGB(frame, v, "own grid k=\(k)") { c, r in
                let pet = FusionReference.petNearest(pet, at: self.ctGeometry.world(Double(c), Double(r), Double(k)), factor: self.units.factor)
                if pet == nil { outside += 1 }
                return (ct.value(c, r, k), pet)
            }
        }
        XCTAssertGreaterThan(outside, 1000, "part of the CT lies outside the PET")
    }

    /// PET-only shows the colormap entry itself, black outside the PET volume.
    func testPETOnlyIsTheColormapEntry() async throws {
        let ct = try ct()
        let pet = try SyntheticVolume.make(ctGeometry, type: .float32, stored: Self.activity)
        let v = view(5, sampling: .nearest, layers: .petOnly)
        let frame = try await engine.render(v, ct: ct, pet: pet).frame
        for r in 0..<40 {
            for c in 0..<48 {
                let e = Colormap.pet[Int((Self.activity(c, r, 5) / 1000).rounded())]
                let p = try XCTUnwrap(frame.pixel(x: c, y: r))
                XCTAssertEqual([p.r, p.g, p.b], [UInt16(e.r), UInt16(e.g), UInt16(e.b)], "(\(c), \(r))")
            }
        }
    }

    @discardableResult
    /// A PET whose slices are unevenly spaced (per-slice positions): through each PET slice's own plane the
    /// overlay is that slice, pixel for pixel (PET pixels on the CT's in-plane grid, slices on CT slice centres).
    func testIrregularPETStackIsSampledAtItsTrueSlices() async throws {
        let ct = try ct()
        let ctSlices = [1, 2, 4, 5, 8, 9, 10, 13, 14, 16]
        let positions = ctSlices.map { ctGeometry.world(0, 0, Double($0)) }
        let pet = try IrregularStack(positions: positions, columns: 48, rows: 40, pixel: 1.2, stored: Self.activity)
        XCTAssertNotNil(pet.geometry.sliceStack, "uneven steps beyond the grid tolerance")
        for (k, kCT) in ctSlices.enumerated() {
            let v = view(kCT, sampling: .nearest)
            let frame = try await engine.render(v, ct: ct, pet: pet.volume).frame
            let stats = try assertRGB(frame, v, "PET slice \(k) at CT slice \(kCT)") { c, r in
                (ct.value(c, r, kCT), Self.activity(c, r, k) * self.units.factor)
            }
            XCTAssertGreaterThan(stats.overlaid, 100, "PET above threshold shows")
        }
    }

    private func assertRGB(
        _ frame: Frame, _ view: FusionView, _ label: String, inputs: (Int, Int) -> (Double, Double?),
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> (overlaid: Int, plain: Int) {
        var bad: [String] = []
        var overlaid = 0, plain = 0
        for r in 0..<view.height {
            for c in 0..<view.width {
                let (hu, pet) = inputs(c, r)
                let want = FusionReference.fused(ct: hu, pet: pet, view: view)
                if let pet, pet > view.threshold { overlaid += 1 } else { plain += 1 }
                let p = try XCTUnwrap(frame.pixel(x: c, y: r))
                let got = (Int(p.r), Int(p.g), Int(p.b))
                if abs(got.0 - want.0) > 1 || abs(got.1 - want.1) > 1 || abs(got.2 - want.2) > 1 {
                    if bad.count < 5 { bad.append("(\(c),\(r)) want \(want) got \(got)") }
                }
            }
        }
        XCTAssertTrue(bad.isEmpty, "\(label): \(bad.joined(separator: "; "))", file: file, line: line)
        return (overlaid, plain)
    }
}
