import DICOM
import XCTest
@testable import Phantom
@testable import Volume

/// The phantom's series assemble into volumes whose voxels sit where their headers say.
final class PhantomGeometryTests: XCTestCase {
    let writer = PhantomWriter()

    func slices(_ make: (Int) -> DataSet, count: Int, prefix: String) throws -> [SliceMetadata] {
        try (0..<count).flatMap { k in try SliceMetadata.frames(of: make(k), imageID: "\(prefix)_\(k).dcm") }
    }

    func testCTAndPETAssembleWithCornerVoxelsAtHeaderPositions() throws {
        for (make, grid, name) in [(writer.ctDataSet, writer.study.ct, "CT"), (writer.petDataSet, writer.study.pet, "PET")] {
            let metadata = try slices(make, count: grid.slices, prefix: name)
            let assembly = try SeriesAssembler().assemble(metadata.reversed())
            let (geometry, sorted) = (assembly.geometry, assembly.slices)
            XCTAssertEqual(geometry.dimensions, SIMD3(grid.columns, grid.rows, grid.slices), name)
            XCTAssertEqual(geometry.spacing.x, grid.pixelSpacing, accuracy: 1e-9)
            XCTAssertEqual(geometry.spacing.z, grid.sliceStep, accuracy: 1e-6)
            for k in [0, grid.slices - 1] {
                let ds = make(k)
                let ipp = try XCTUnwrap(ds.doubles(.imagePositionPatient))
                let world = geometry.world(0, 0, Double(k))
                XCTAssertEqual(world.x, ipp[0], accuracy: 1e-6, name)
                XCTAssertEqual(world.y, ipp[1], accuracy: 1e-6, name)
                XCTAssertEqual(world.z, ipp[2], accuracy: 1e-6, name)
                XCTAssertEqual(sorted[k].sopInstanceUID, ds.string(.sopInstanceUID))
                let far = geometry.world(Double(grid.columns - 1), Double(grid.rows - 1), Double(k))
                XCTAssertEqual(far.x, ipp[0] + Double(grid.columns - 1) * grid.pixelSpacing, accuracy: 1e-6)
                XCTAssertEqual(far.y, ipp[1] + Double(grid.rows - 1) * grid.pixelSpacing, accuracy: 1e-6)
            }
            XCTAssertEqual(VoxelType.choose(for: sorted), name == "CT" ? .int16 : .float32, name)
        }
    }

    func testPETIsOnADifferentGridInTheSameFrameOfReference() throws {
        let ct = try SliceMetadata.frames(of: writer.ctDataSet(0), imageID: "ct")[0]
        let pet = try SliceMetadata.frames(of: writer.petDataSet(0), imageID: "pet")[0]
        XCTAssertEqual(ct.frameOfReferenceUID, pet.frameOfReferenceUID)
        XCTAssertNotEqual(ct.plane.columnSpacing, pet.plane.columnSpacing)
        XCTAssertNotEqual(ct.plane.position, pet.plane.position)
        XCTAssertEqual(ct.rescale, Rescale(slope: 1, intercept: -1024, type: "HU"))
    }

    func testPETLesionsAreHotInSUVAtTheirWorldPositions() throws {
        let study = writer.study
        guard case .success(let suv) = SUVCalibration.from(writer.petDataSet(0)) else { return XCTFail("SUV tags not readable") }
        XCTAssertEqual(suv.uptakeSeconds, 3600)
        XCTAssertEqual(suv.bqmlToSUV * study.bqmlPerSUV, 1, accuracy: 1e-9)
        for lesion in study.anatomy.lesions {
            let k = Int(((lesion.centre.z - study.pet.firstSliceZ) / study.pet.sliceStep).rounded())
            let plane = study.pet.plane(k)
            let i = Int(((lesion.centre.x - plane.position.x) / plane.columnSpacing).rounded())
            let j = Int(((lesion.centre.y - plane.position.y) / plane.rowSpacing).rounded())
            let ds = writer.petDataSet(k)
            let slope = try XCTUnwrap(ds.double(.rescaleSlope))
            let (stored, _) = study.petSlice(k)
            let value = Double(stored[j * plane.columns + i]) * slope * suv.bqmlToSUV
            XCTAssertEqual(value, lesion.suv, accuracy: lesion.suv * 1e-3, lesion.name)
        }
    }

    func testCTShowsAnatomyOnTheRightSides() {
        let a = PhantomAnatomy.standard
        XCTAssertEqual(a.hounsfield(at: Vector3(-70, -10, -40)), 60, "liver on the patient's right (−x)")
        XCTAssertEqual(a.hounsfield(at: Vector3(70, -10, -40)), 20, "no liver on the patient's left")
        XCTAssertEqual(a.hounsfield(at: Vector3(0, 80, 0)), 700, "spine posterior (+y)")
        XCTAssertEqual(a.hounsfield(at: Vector3(-85, 0, 60)), -800, "lung superior")
        XCTAssertEqual(a.hounsfield(at: Vector3(-85, 0, -60)), 60, "no lung inferior")
        XCTAssertEqual(a.hounsfield(at: Vector3(0, 0, 300)), 20)
        XCTAssertEqual(a.hounsfield(at: Vector3(0, 200, 0)), -1000, "air outside the body")
    }

    func testSpanPaintingMatchesPointwiseAnatomy() {
        let study = writer.study
        for k in [0, 37, 80, 119] {
            let plane = study.ct.plane(k)
            let painted = study.ctSlice(k)
            for (i, j) in [(0, 0), (128, 128), (70, 200), (200, 70), (30, 128), (128, 190)] {
                let expected = study.anatomy.hounsfield(at: plane.world(column: Double(i), row: Double(j))) - PhantomStudy.ctIntercept
                XCTAssertEqual(Double(painted[j * plane.columns + i]), expected, "slice \(k) pixel \(i),\(j)")
            }
        }
    }

    func testSUVUnavailableSaysWhy() {
        var ds = writer.petDataSet(0)
        ds.remove(.patientWeight)
        XCTAssertEqual(SUVCalibration.from(ds), .failure(.missing("PatientWeight (0010,1030)")))
        ds = writer.petDataSet(0)
        ds.set(.units, .CS, "CNTS")
        XCTAssertEqual(SUVCalibration.from(ds), .failure(.units("CNTS")))
        XCTAssertEqual(SUVCalibration.from(writer.ctDataSet(0)), .failure(.notPET(modality: "CT")))
        XCTAssertEqual(SUVCalibration.secondsOfDay("10:00:00"), 36000)
        XCTAssertEqual(SUVCalibration.secondsOfDay("0930"), 34200)
        XCTAssertNil(SUVCalibration.secondsOfDay("9x"))
    }

    func testMultiFrameFunctionalGroupsGiveOneSlicePerFrame() throws {
        var ds = DataSet()
        ds.set(.rows, .US, 4)
        ds.set(.columns, .US, 3)
        ds.set(.numberOfFrames, .IS, 3)
        ds.set(.modality, .CS, "CT")
        var shared = DataSet()
        var orientation = DataSet()
        orientation.set(.imageOrientationPatient, .DS, [1.0, 0, 0, 0, 1, 0])
        var measures = DataSet()
        measures.set(.pixelSpacing, .DS, [0.5, 0.6])
        shared.set(.planeOrientationSequence, items: [orientation])
        shared.set(.pixelMeasuresSequence, items: [measures])
        ds.set(.sharedFunctionalGroupsSequence, items: [shared])
        let frames: [DataSet] = (0..<3).map { f in
            var position = DataSet()
            position.set(.imagePositionPatient, .DS, [1.0, 2, Double(10 - f * 3)])
            var transform = DataSet()
            transform.set(.rescaleSlope, .DS, 1.0 + Double(f))
            transform.set(.rescaleIntercept, .DS, -1024)
            var item = DataSet()
            item.set(.planePositionSequence, items: [position])
            item.set(.pixelValueTransformationSequence, items: [transform])
            return item
        }
        ds.set(.perFrameFunctionalGroupsSequence, items: frames)
        let slices = try SliceMetadata.frames(of: ds, imageID: "enhanced.dcm")
        XCTAssertEqual(slices.map(\.frameIndex), [0, 1, 2])
        XCTAssertEqual(slices.map(\.plane.position.z), [10, 7, 4])
        XCTAssertEqual(slices.map(\.rescale.slope), [1, 2, 3])
        XCTAssertEqual(slices[2].plane.columnSpacing, 0.6)
        let assembly = try SeriesAssembler().assemble(slices)
        let (geometry, sorted) = (assembly.geometry, assembly.slices)
        XCTAssertEqual(geometry.spacing.z, 3)
        XCTAssertEqual(sorted.map(\.frameIndex), [2, 1, 0])
        XCTAssertEqual(sorted[0].label, "enhanced.dcm frame 3")
    }

    func testMissingPositionNamesImageAndTag() {
        var ds = writer.ctDataSet(0)
        ds.remove(.imagePositionPatient)
        XCTAssertThrowsError(try SliceMetadata.frames(of: ds, imageID: "/x/CT_0001.dcm")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("CT_0001.dcm") && text.contains("(0020,0032)"), text)
        }
        ds = writer.ctDataSet(0)
        ds.set(.pixelSpacing, .DS, ["abc", "1"])
        XCTAssertThrowsError(try SliceMetadata.frames(of: ds, imageID: "CT_0001.dcm")) { error in
            XCTAssertTrue(String(describing: error).contains("abc"), String(describing: error))
        }
    }
}
