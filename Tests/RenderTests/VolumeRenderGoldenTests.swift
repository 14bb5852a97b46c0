import Foundation
import Raster
import Render
import Volume
import TestSupport
import XCTest

/// Golden images of volume renderings of the phantom (streamed from DICOM files): CT-Bone and CT-Soft-Tissue from the
/// front, CT-Bone turned and raised, cropped to the patient's left half, and the PET in PET-SUV. Tolerance
/// `Golden.Tolerance.standard`; regenerate with `make goldens`.
final class VolumeRenderGoldenTests: XCTestCase {
    let engine = TestEngine.shared

    func testCTPresets() async throws {
        let p = try await PhantomVolumes.shared()
        for name in ["CT-Bone", "CT-Soft-Tissue", "CT-Muscle"] {
            let view = VolumeRenderView.rotating(p.ct.geometry, angle: 0, width: 192, height: 256, preset: try VolumePresets.named(name))
            try Golden.assertMatches(try await engine.render(view, of: p.ct), "vr_" + name.lowercased())
        }
    }

    func testTurnedRaisedAndCropped() async throws {
        let p = try await PhantomVolumes.shared()
        let g = p.ct.geometry
        let crop = try CropBox.resolve([.fraction(0.5), .fraction(1), .fraction(0), .fraction(1), .fraction(0), .fraction(1)], in: g)
        let view = VolumeRenderView.rotating(
            g, angle: .pi / 6, elevation: .pi / 9, width: 256, height: 256, preset: try VolumePresets.named("CT-Bone"), crop: crop)
        try Golden.assertMatches(try await engine.render(view, of: p.ct), "vr_ct_bone_turned_cropped")
    }

    func testPET() async throws {
        let p = try await PhantomVolumes.shared()
        let view = VolumeRenderView.rotating(
            p.pet.geometry, angle: .pi / 4, width: 192, height: 256, preset: try VolumePresets.named("PET-SUV"), valueFactor: p.units.factor)
        try Golden.assertMatches(try await engine.render(view, of: p.pet), "vr_pet_suv")
    }
}
