import DICOM
import XCTest
@testable import Phantom
@testable import Volume

/// The whole-body study the demo shows: the same bytes every time, tissues where the anatomy puts them with CT
/// numbers of their kind, and PET uptake where FDG goes.
final class WholeBodyPhantomTests: XCTestCase {
    let writer = PhantomWriter(study: .wholeBody)
    var study: PhantomStudy { writer.study }
    let anatomy = PatientAnatomy.standard

    /// The slice of `grid` and the pixel (index into the slice, centre) nearest `p`.
    func nearest(_ p: Vector3, in grid: PhantomGrid) -> (k: Int, n: Int, centre: Vector3) {
        let k = Int(((p.z - grid.firstSliceZ) / grid.sliceStep).rounded())
        let plane = grid.plane(k)
        let i = Int(((p.x - plane.position.x) / plane.columnSpacing).rounded()), j = Int(((p.y - plane.position.y) / plane.rowSpacing).rounded())
        return (k, j * plane.columns + i, plane.world(column: Double(i), row: Double(j)))
    }

    /// The CT number of the voxel nearest `p`.
    func hounsfield(near p: Vector3) -> Double {
        let (k, n, _) = nearest(p, in: study.ct)
        return Double(study.ctSlice(k)[n]) + PhantomStudy.ctIntercept
    }

    /// The SUVbw of the PET voxel nearest `p`, read back through the written slope and the SUV tags.
    func suv(near p: Vector3) throws -> Double {
        let (k, n, _) = nearest(p, in: study.pet)
        let ds = writer.petDataSet(k)
        guard case .success(let calibration) = SUVCalibration.from(ds) else { XCTFail("SUV tags not readable"); return .nan }
        let slope = try XCTUnwrap(ds.double(.rescaleSlope))
        return Double(study.petSlice(k).stored[n]) * slope * calibration.bqmlToSUV
    }

    func testSlicesAreTheSameBytesEveryTime() throws {
        let fresh = { var s = PhantomStudy.wholeBody; s.patient = PatientAnatomy(); return PhantomWriter(study: s) }()
        for k in [0, 120, 315] {
            XCTAssertEqual(try DICOMWriter().encode(writer.ctDataSet(k)), try DICOMWriter().encode(fresh.ctDataSet(k)), "CT slice \(k)")
        }
        for k in [0, 100, 236] {
            XCTAssertEqual(try DICOMWriter().encode(writer.petDataSet(k)), try DICOMWriter().encode(fresh.petDataSet(k)), "PET slice \(k)")
        }
    }

    func testBoneHasACorticalShellOverTrabecularBone() throws {
        let femur = try XCTUnwrap(anatomy.landmarks["femoral cortex"])
        XCTAssertEqual(anatomy.hounsfield(at: femur), BodyTissue.corticalBone.hounsfield)
        XCTAssertGreaterThan(hounsfield(near: femur), 1000, "femoral shaft cortex in the CT")
        let vertebra = try XCTUnwrap(anatomy.landmarks["vertebral cortex"])
        XCTAssertGreaterThan(anatomy.hounsfield(at: vertebra), 1000, "vertebral body cortex")
        let l3 = try XCTUnwrap(PatientAnatomy.vertebrae.first { $0.name == "L3" })
        XCTAssertEqual(anatomy.hounsfield(at: l3.centre), BodyTissue.trabecularBone.hounsfield, "vertebral body interior")
        XCTAssertEqual(hounsfield(near: l3.centre), BodyTissue.trabecularBone.hounsfield, accuracy: BodyTissue.trabecularBone.texture + 5 * PatientAnatomy.ctNoiseHU)
    }

    func testTissuesHaveTheCTNumbersOfTheirKind() throws {
        // Each voxel is its tissue's number plus texture (at most its amplitude) plus noise (5 σ here).
        let expected: [(String, BodyTissue)] = [
            ("aorta", .arterialBlood), ("left ventricle", .arterialBlood), ("liver", .liver), ("lung", .lung),
            ("subcutaneous fat", .fat), ("brain", .whiteMatter), ("bladder", .urine),
        ]
        for (name, tissue) in expected {
            let p = try XCTUnwrap(anatomy.landmarks[name], name)
            let centre = nearest(p, in: study.ct).centre
            XCTAssertEqual(anatomy.tissue(at: centre), tissue, name)
            XCTAssertEqual(hounsfield(near: p), tissue.hounsfield, accuracy: tissue.texture + 5 * PatientAnatomy.ctNoiseHU, name)
        }
        XCTAssertGreaterThan(BodyTissue.arterialBlood.hounsfield, 200, "contrast in the arteries")
        XCTAssertEqual(hounsfield(near: Vector3(0, -240, 0)), -1000, accuracy: 5 * PatientAnatomy.ctNoiseHU, "air in front of the body")
    }

    func testPETUptakeIsWhereFDGGoes() throws {
        let liver = try suv(near: try XCTUnwrap(anatomy.landmarks["liver"]))
        XCTAssertEqual(liver, BodyTissue.liver.suv, accuracy: 0.8, "liver background")
        XCTAssertGreaterThan(try suv(near: try XCTUnwrap(anatomy.landmarks["bladder"])), 15, "urine in the bladder")
        XCTAssertGreaterThan(try suv(near: try XCTUnwrap(anatomy.landmarks["brain"]) + Vector3(-16, 0, 0)), 5, "cortex of the brain")
        XCTAssertLessThan(try suv(near: try XCTUnwrap(anatomy.landmarks["lung"])), 1, "lung")
        for lesion in anatomy.lesions {
            // Spheres wider than the PSF keep most of their peak: within 25 % (noise), and well above the liver.
            let value = try suv(near: lesion.centre)
            XCTAssertEqual(value, lesion.suv, accuracy: 0.25 * lesion.suv, lesion.name)
            XCTAssertGreaterThan(value, 2 * liver, lesion.name)
        }
    }

    func testBlurredSphereMatchesItsLimits() {
        let sigma = 2.5
        XCTAssertEqual(PatientAnatomy.blurredSphere(distance: 0, radius: 100, sigma: sigma), 1, accuracy: 1e-9, "deep inside a large sphere")
        XCTAssertEqual(PatientAnatomy.blurredSphere(distance: 100, radius: 100, sigma: sigma), 0.5, accuracy: 0.01, "on a large sphere's surface")
        XCTAssertEqual(PatientAnatomy.blurredSphere(distance: 130, radius: 100, sigma: sigma), 0, accuracy: 1e-9, "far outside")
        XCTAssertEqual(PatientAnatomy.blurredSphere(distance: 0, radius: 5, sigma: sigma),
                       PatientAnatomy.blurredSphere(distance: 1e-4, radius: 5, sigma: sigma), accuracy: 1e-6, "continuous at the centre")
        // The blurred sphere keeps its volume: ∫ 4π r² w(r) dr = 4/3 π R³.
        let radius = 6.0, dr = 0.01
        let volume = stride(from: dr / 2, to: 40, by: dr).reduce(0) { $0 + 4 * .pi * $1 * $1 * PatientAnatomy.blurredSphere(distance: $1, radius: radius, sigma: sigma) * dr }
        XCTAssertEqual(volume, 4.0 / 3 * .pi * pow(radius, 3), accuracy: 1e-3 * volume)
    }
}
