import Raster
import Render
import Volume
import XCTest

/// Fusion rules that are not pixel oracles: opacity vs slab thickness, units in the report, typed errors.
final class FusionBehaviourTests: XCTestCase {
    let engine = TestEngine.shared
    let g = SyntheticVolume.geometry(dimensions: SIMD3(24, 20, 30), spacing: Vector3(1, 1, 1.5))

    func uniform() throws -> (ct: ImageVolume, pet: ImageVolume) {
        let ct = try SyntheticVolume.make(g, type: .int16, rescale: Rescale(slope: 1, intercept: -1024)) { _, _, _ in 1064 }  // 40 HU
        let pet = try SyntheticVolume.make(g, type: .float32) { _, _, _ in 30000 }
        return (ct, pet)
    }

    func view(slab: Slab?, units: PETUnits = .suvbw(bqmlToSUV: 1e-4)) -> FusionView {
        FusionView(plane: .coronal(centre: g.centre), width: 24, height: 20, pixelSpacing: 1, units: units, slab: slab)
    }

    /// The same uniform PET and CT give the same colour at any slab thickness or mode: the opacity is a
    /// plain layer opacity applied once, after each volume's slab is reduced.
    func testOpacityDoesNotDependOnSlabThickness() async throws {
        let (ct, pet) = try uniform()
        let plain = try await engine.render(view(slab: nil), ct: ct, pet: pet).frame
        let expected = FusionReference.fused(ct: 40, pet: 3, view: view(slab: nil))
        let p = try XCTUnwrap(plain.pixel(x: 12, y: 10))
        XCTAssertEqual(Double(p.r), Double(expected.0), accuracy: 1)
        XCTAssertEqual(Double(p.g), Double(expected.1), accuracy: 1)
        for slab in [Slab(thickness: 3, mode: .average), Slab(thickness: 15, mode: .average), Slab(thickness: 15, mode: .maximum)] {
            let thick = try await engine.render(view(slab: slab), ct: ct, pet: pet).frame
            XCTAssertEqual(thick, plain, "slab \(slab)")
        }
    }

    func testReportSaysSUVOrStoredUnitsWithReason() async throws {
        let (ct, pet) = try uniform()
        let suv = try await engine.render(view(slab: nil), ct: ct, pet: pet).report
        XCTAssertEqual(suv.petUnits, "SUVbw")
        XCTAssertNil(suv.reason)
        XCTAssertEqual(suv.ctSlicesLoaded, 30)
        let units = PETUnits(.failure(SUVCalibration.Unavailable.units("CNTS")))
        let stored = try await engine.render(view(slab: nil, units: units), ct: ct, pet: pet).report
        XCTAssertEqual(stored.petUnits, "Bq/ml")
        XCTAssertEqual(stored.factor, 1)
        XCTAssertEqual(stored.reason, "Units is CNTS, SUVbw needs BQML")
    }

    func testPETUnitsFromACalibration() {
        let calibration = SUVCalibration(patientWeightKg: 80, injectedDoseBq: 400e6, halfLifeSeconds: 6586.2, uptakeSeconds: 0)
        XCTAssertEqual(PETUnits(.success(calibration)), .suvbw(bqmlToSUV: 80_000 / 400e6))
        XCTAssertEqual(PETUnits(.success(calibration)).factor, 2e-4, accuracy: 1e-15)
    }

    func testCTOnlyIsTheMPR() async throws {
        let (ct, pet) = try uniform()
        var v = view(slab: nil)
        v.layers = .ctOnly
        let fused = try await engine.render(v, ct: ct, pet: pet).frame
        let mpr = try await engine.render(v.ctView, of: ct)
        XCTAssertEqual(fused, mpr)
    }

    func testDifferentFramesOfReferenceAreRefused() async throws {
        let (ct, _) = try uniform()
        var slices = ct.slices
        for n in slices.indices { slices[n].frameOfReferenceUID = "9.9.9" }
        let other = try ImageVolume(id: "other", geometry: g, slices: slices, voxelType: .float32, modality: "PT")
        do {
            _ = try await engine.render(view(slab: nil), ct: ct, pet: other)
            XCTFail("fusion across frames of reference must fail")
        } catch {
            guard case .frameOfReferenceMismatch(let a, let b) = error else { return XCTFail("\(error)") }
            XCTAssertEqual([a, b], ["1.2", "9.9.9"])
        }
    }

    /// The policy is the request's: a view that allows different frames fuses them exactly as if they were one.
    func testAllowDifferentFramesFusesAsIfTheyWereOne() async throws {
        let (ct, pet) = try uniform()
        var slices = pet.slices
        for n in slices.indices { slices[n].frameOfReferenceUID = "9.9.9" }
        let moved = try ImageVolume(id: "moved", geometry: g, slices: slices, voxelType: .float32, modality: "PT")
        for k in 0..<g.dimensions.z { SyntheticVolume.fill(moved, slice: k) { _, _, _ in 30000 } }
        var allowed = view(slab: nil)
        allowed.allowDifferentFrames = true
        let fused = try await engine.render(allowed, ct: ct, pet: moved).frame
        let same = try await engine.render(view(slab: nil), ct: ct, pet: pet).frame
        XCTAssertEqual(fused, same)
    }

    func testOneMissingFrameOfReferenceCountsAsDifferent() throws {
        let (ct, pet) = try uniform()
        var slices = pet.slices
        for n in slices.indices { slices[n].frameOfReferenceUID = nil }
        let unknown = try ImageVolume(id: "unknown", geometry: g, slices: slices, voxelType: .float32, modality: "PT")
        XCTAssertThrowsError(try FusionView.checkFramesOfReference(ct: ct, pet: unknown, allowDifferent: false)) { error in
            XCTAssertEqual(String(describing: error), "CT frame of reference 1.2 differs from PET frame of reference none; fusion needs one patient space")
        }
        let different = try FusionView.checkFramesOfReference(ct: ct, pet: unknown, allowDifferent: true)
        XCTAssertEqual(different?.ct, "1.2")
        XCTAssertEqual(different?.pet, "none")
        XCTAssertNil(try FusionView.checkFramesOfReference(ct: ct, pet: pet, allowDifferent: false))
    }

    func testOpacityAndWindowAreChecked() async throws {
        let (ct, pet) = try uniform()
        var badOpacity = view(slab: nil)
        badOpacity.opacity = 1.5
        var badWindow = view(slab: nil)
        badWindow.petWindow = PETWindow(lower: 4, upper: 4)
        for v in [badOpacity, badWindow] {
            do {
                _ = try await engine.render(v, ct: ct, pet: pet)
                XCTFail("must refuse \(v.opacity) \(v.petWindow)")
            } catch {
                guard case .invalidView = error else { return XCTFail("\(error)") }
            }
        }
    }
}
