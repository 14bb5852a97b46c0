import Loading
import Raster
import Render
import Volume
import XCTest

/// Fusion of a complete CT with a PET that has only the first 30 % of its retrieval order: where the PET's
/// nearest slice is not in its snapshot the PET layer is absent, so the fused pixel is the CT-only pixel and
/// the PET-only pixel is black.
final class SnapshotFusionTests: XCTestCase {
    let engine = TestEngine.shared

    func testAbsentPETSlicesAreTransparent() async throws {
        let p = try await PhantomVolumes.shared()
        let g = p.ct.geometry, petGeometry = p.pet.geometry
        XCTAssertNil(petGeometry.sliceStack, "the rule below reads the PET's grid index")
        let order = RetrievalOrder.interleaved.order(count: p.pet.sliceCount)
        let first = Set(order.prefix(PhantomVolumes.count(0.3, of: p.pet)))
        let petSnapshot = p.pet.snapshot().restricted(to: first)
        let lesion = PhantomVolumes.liverLesion
        for (plane, sampling) in [(PlaneSpec.coronal(centre: lesion), Sampling.linear), (.sagittal(centre: lesion), .nearest)] {
            let fitted = MPRView(plane: plane, fitting: g, width: 160, height: 160, window: .mediastinum)
            func frame(_ layers: FusionView.Layers) async throws -> LayoutFrame {
                let view = FusionView(plane: plane, width: 160, height: 160, pixelSpacing: fitted.pixelSpacing, units: p.units,
                                      layers: layers, sampling: sampling)
                return try await engine.render(.single(.fusion(view, ct: p.ct, pet: p.pet), orientationLetters: false), snapshots: [petSnapshot])
            }
            let fused = try await frame(.fused), ctOnly = try await frame(.ctOnly), petOnly = try await frame(.petOnly)
            XCTAssertEqual(fused.fusionReports.first?.petSlicesLoaded, first.count)
            XCTAssertEqual(fused.fusionReports.first?.ctSlicesLoaded, p.ct.sliceCount)
            var absent = 0, absentDiffering = 0, absentNotBlack = 0, presentDiffering = 0
            for r in 0..<160 {
                for c in 0..<160 {
                    let world = plane.centre + plane.right * ((Double(c) + 0.5 - 80) * fitted.pixelSpacing)
                        + plane.up * ((80 - Double(r) - 0.5) * fitted.pixelSpacing)
                    let z = petGeometry.worldToIndex.transformPoint(world).z
                    let hasData = SliceRows.hasData(z: z, count: p.pet.sliceCount, loaded: first)
                    let same = SliceRows.rgb(fused.frame, c, r) == SliceRows.rgb(ctOnly.frame, c, r)
                    switch hasData {
                    case false?:
                        absent += 1
                        if !same { absentDiffering += 1 }
                        if SliceRows.rgb(petOnly.frame, c, r) != [0, 0, 0] { absentNotBlack += 1 }
                    case true?: if !same { presentDiffering += 1 }
                    case nil: break
                    }
                }
            }
            XCTAssertGreaterThan(absent, 1000, "\(sampling): the check covers absent PET slices")
            XCTAssertEqual(absentDiffering, 0, "\(sampling): fused pixels over absent PET slices differ from the CT-only MPR")
            XCTAssertEqual(absentNotBlack, 0, "\(sampling): PET-only pixels over absent PET slices are not black")
            XCTAssertGreaterThan(presentDiffering, 1000, "\(sampling): the PET layer shows over its loaded slices")
        }
    }
}
