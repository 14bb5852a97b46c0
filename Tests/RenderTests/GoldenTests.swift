import Foundation
import Raster
import Render
import Volume
import TestSupport
import XCTest

/// Golden images of the phantom (streamed from DICOM files) for everything without an exact oracle:
/// oblique MPR, slabs, rotated MIPs, fusion views, the PET/CT layout, and that layout mid-stream.
/// Every comparison uses `Golden.Tolerance.standard` (≤ 2 levels per channel, ≤ 0.1 % of pixels beyond;
/// the reason is documented there). Regenerate with `make goldens`.
final class GoldenTests: XCTestCase {
    let engine = TestEngine.shared

    func testObliqueMPR() async throws {
        let p = try await PhantomVolumes.shared()
        let g = p.ct.geometry
        let plane = PlaneSpec.axial(centre: g.centre).rotated(by: .pi / 6, about: Vector3(1, 0, 0)).rotated(by: .pi / 9, about: Vector3(0, 0, 1))
        let view = MPRView(plane: plane, fitting: g, width: 256, height: 256, window: .mediastinum)
        try Golden.assertMatches(try await engine.render(.single(.mpr(view, p.ct))).frame, "mpr_oblique")
    }

    /// 30 mm coronal slabs through the spine: MIP (bone), MinIP (lung), average (soft tissue).
    func testSlabs() async throws {
        let p = try await PhantomVolumes.shared()
        let g = p.ct.geometry
        let plane = PlaneSpec.coronal(centre: g.centre + Vector3(0, 20, 0))
        for (mode, window, name) in [(Slab.Mode.maximum, VOIWindow.bone, "slab_mip"), (.minimum, .lung, "slab_minip"), (.average, .mediastinum, "slab_avg")] {
            let view = MPRView(plane: plane, fitting: g, width: 256, height: 256, window: window, slab: Slab(thickness: 30, mode: mode))
            try Golden.assertMatches(try await engine.render(.single(.mpr(view, p.ct))).frame, name)
        }
    }

    /// PET MIP in inverted grey, seen from the front, turned 45° and 90° (from the patient's left).
    func testRotatedMIP() async throws {
        let p = try await PhantomVolumes.shared()
        let window = PETWindow.suv0to6.voiWindow(unitFactor: p.units.factor)
        for degrees in [0, 45, 90] {
            let view = MIPView.rotating(p.pet.geometry, angle: Double(degrees) * .pi / 180, width: 192, height: 256, window: window)
            let name = "mip_rot" + String(format: "%03d", degrees)
            try Golden.assertMatches(try await engine.render(.single(.mip(view, p.pet, colormap: .invertedGrey))).frame, name)
        }
    }

    func testFusionSingleViews() async throws {
        let p = try await PhantomVolumes.shared()
        let g = p.ct.geometry
        let lesion = PhantomVolumes.liverLesion
        for (plane, name) in [(PlaneSpec.axial(centre: lesion), "fusion_axial"), (.coronal(centre: lesion), "fusion_coronal"), (.sagittal(centre: lesion), "fusion_sagittal")] {
            let fitted = MPRView(plane: plane, fitting: g, width: 256, height: 256, window: .mediastinum)
            let view = FusionView(plane: plane, width: 256, height: 256, pixelSpacing: fitted.pixelSpacing, units: p.units)
            let rendered = try await engine.render(.single(.fusion(view, ct: p.ct, pet: p.pet)))
            XCTAssertEqual(rendered.fusionReports.first?.petUnits, "SUVbw")
            try Golden.assertMatches(rendered.frame, name)
        }
    }

    func testPETCTLayout() async throws {
        let p = try await PhantomVolumes.shared()
        let layout = Layout.petCT(ct: p.ct, pet: p.pet, units: p.units, through: PhantomVolumes.liverLesion, width: 880, height: 560)
        let rendered = try await engine.render(layout)
        XCTAssertEqual(rendered.fusionReports.count, 9)
        XCTAssertEqual(Set(rendered.fusionReports.map(\.petUnits)), ["SUVbw"])
        try Golden.assertMatches(rendered.frame, "layout_petct")
    }

    /// The layout while both series stream in interleaved order: after 25 % of the slices, then after 60 %
    /// of them (the same volumes, so the second render uploads only the slices that arrived in between).
    func testPETCTLayoutMidStream() async throws {
        let p = try await PhantomVolumes.shared()
        let ct = try PhantomVolumes.emptyCopy(p.ct), pet = try PhantomVolumes.emptyCopy(p.pet)
        let layout = Layout.petCT(ct: ct, pet: pet, units: p.units, through: PhantomVolumes.liverLesion, width: 880, height: 560)
        var arrived = (ct: 0, pet: 0)
        for (fraction, name) in [(0.25, "layout_petct_stream25"), (0.6, "layout_petct_stream60")] {
            let target = (ct: PhantomVolumes.count(fraction, of: ct), pet: PhantomVolumes.count(fraction, of: pet))
            PhantomVolumes.stream(p.ct, into: ct, positions: arrived.ct..<target.ct)
            PhantomVolumes.stream(p.pet, into: pet, positions: arrived.pet..<target.pet)
            let before = await engine.textureStatistics(for: ct)
            let rendered = try await engine.render(layout)
            XCTAssertEqual(rendered.fusionReports.first?.ctSlicesLoaded, target.ct)
            XCTAssertEqual(rendered.fusionReports.first?.petSlicesLoaded, target.pet)
            if let before {
                let stats = await engine.textureStatistics(for: ct)
                let after = try XCTUnwrap(stats)
                XCTAssertEqual(after.bytesUploaded - before.bytesUploaded, (target.ct - arrived.ct) * ct.geometry.sliceVoxelCount * 2,
                               "only the CT slices that arrived since the last frame are uploaded")
            }
            arrived = target
            try Golden.assertMatches(rendered.frame, name)
        }
    }
}
