import DICOM
import Foundation
import Phantom
import Volume
import XCTest

/// The CT phantom cases hold, in their written headers, the geometry each case promises, and the tilted
/// case's pixels show the anatomy at the image's true (tilted) plane.
final class PhantomCaseGeometryTests: XCTestCase {
    func written(_ phantomCase: PhantomCase) throws -> WrittenCases {
        let cases = try WrittenCases([phantomCase])
        addTeardownBlock { cases.remove() }
        return cases
    }

    func positions(_ slices: [(file: DICOMFile, slice: SliceMetadata)]) -> [Vector3] { slices.map(\.slice.plane.position) }

    func steps(_ positions: [Vector3]) -> [Vector3] { zip(positions.dropFirst(), positions).map { $0 - $1 } }

    /// The angle (degrees) between a step and the slice normal: asin(in-plane shift / step length).
    func shearDegrees(_ step: Vector3, normal: Vector3) -> Double {
        let along = step.dot(normal)
        let shift = (step - normal * along).length
        return asin(shift / step.length) * 180 / .pi
    }

    func assertAxial(_ slices: [(file: DICOMFile, slice: SliceMetadata)], file: StaticString = #filePath, line: UInt = #line) {
        for (_, slice) in slices {
            XCTAssertEqual(slice.plane.rowDirection, Vector3(1, 0, 0), file: file, line: line)
            XCTAssertEqual(slice.plane.columnDirection, Vector3(0, 1, 0), file: file, line: line)
            XCTAssertEqual(slice.plane.position.x, -191, file: file, line: line)
            XCTAssertEqual(slice.plane.position.y, -127, file: file, line: line)
            XCTAssertEqual([slice.plane.columns, slice.plane.rows], [192, 128], file: file, line: line)
            XCTAssertEqual(slice.plane.columnSpacing, 2, file: file, line: line)
        }
    }

    func testUnevenSmallIsJitteredByAtMost40MicrometresAroundA2mmGrid() throws {
        let slices = try written(.unevenSmall).slices(in: "uneven-small")
        XCTAssertEqual(slices.count, 50)
        assertAxial(slices)
        let jitter = slices.enumerated().map { k, s in s.slice.plane.position.z - (-49 + 2 * Double(k)) }
        XCTAssertLessThanOrEqual(jitter.map(abs).max() ?? 1, 0.04 + 1e-9)
        XCTAssertGreaterThan(jitter.map(abs).max() ?? 0, 0.03, "positions should really be jittered")
        XCTAssertGreaterThan(Set(jitter.map { ($0 * 1e6).rounded() }).count, 40, "jitter should vary from slice to slice")
        XCTAssertEqual(jitter.reduce(0, +) / 50, 0, accuracy: 0.01, "jitter should be centred on the grid")
    }

    func testUnevenStepsAre2mmThen3mmThen2point5mm() throws {
        let slices = try written(.uneven).slices(in: "uneven")
        XCTAssertEqual(slices.count, 50)
        assertAxial(slices)
        XCTAssertEqual(slices[0].slice.plane.position.z, -60)
        let dz = steps(positions(slices)).map(\.z)
        let expected = Array(repeating: 2.0, count: 20) + Array(repeating: 3.0, count: 15) + Array(repeating: 2.5, count: 14)
        XCTAssertEqual(dz.count, expected.count)
        for (got, want) in zip(dz, expected) { XCTAssertEqual(got, want, accuracy: 1e-9) }
        // SliceThickness is the run's step: 2 for slices 1…21, 3 for 22…36, 2.5 for 37…50.
        XCTAssertEqual(slices.map { $0.file.dataSet.double(.sliceThickness) ?? 0 }, [2] + expected)
    }

    func testGapLeavesOutTwoAdjacentSlicesAndOneMore() throws {
        let cases = try written(.gap)
        let files = try cases.files(in: "gap")
        XCTAssertEqual(files.count, 47)
        for missing in ["CT_0016.dcm", "CT_0017.dcm", "CT_0035.dcm"] { XCTAssertFalse(files.contains(missing), missing) }
        let slices = try cases.slices(in: "gap")
        assertAxial(slices)
        let z = positions(slices).map(\.z)
        XCTAssertEqual(z.first, -49)
        XCTAssertEqual(z.last, 49)
        let dz = steps(positions(slices)).map(\.z)
        XCTAssertEqual(dz.filter { $0 != 2 }, [6, 4])
        XCTAssertEqual(z[dz.firstIndex(of: 6)!], -21, "the double gap is between z = −21 and −15")
        XCTAssertEqual(z[dz.firstIndex(of: 4)!], 17, "the single gap is between z = 17 and 21")
        // Instance Numbers keep the full grid's numbering, so the lost files leave holes there too.
        let instances = Set(slices.compactMap(\.slice.instanceNumber))
        XCTAssertEqual(Set(1...50).subtracting(instances), [16, 34, 35])
    }

    func testTiltIs15DegreesWithPositionsSteppingAlongZOnly() throws {
        let slices = try written(.tilt).slices(in: "tilt")
        XCTAssertEqual(slices.count, 50)
        let t = 15 * Double.pi / 180
        for (file, slice) in slices {
            let iop = try XCTUnwrap(file.dataSet.doubles(.imageOrientationPatient))
            for (got, want) in zip(iop, [1, 0, 0, 0, cos(t), -sin(t)]) { XCTAssertEqual(got, want, accuracy: 1e-9) }
            XCTAssertEqual(file.dataSet.double(CaseTag.gantryDetectorTilt), 15)
            XCTAssertEqual(slice.plane.position.x, -191)
            XCTAssertEqual(slice.plane.position.y, slices[0].slice.plane.position.y)
        }
        let normal = slices[0].slice.plane.normal
        for step in steps(positions(slices)) {
            XCTAssertEqual(step.x, 0)
            XCTAssertEqual(step.y, 0)
            XCTAssertEqual(step.z, 2 / cos(t), accuracy: 2e-6)
            XCTAssertEqual(step.dot(normal), 2, accuracy: 2e-6, "planes are 2 mm apart")
            XCTAssertEqual(shearDegrees(step, normal: normal), 15, accuracy: 1e-3)
        }
        // The stack is centred on the origin: the middle two image centres straddle it.
        let centre = { (s: SliceMetadata) in s.plane.world(column: 95.5, row: 63.5) }
        XCTAssertEqual((centre(slices[24].slice) + centre(slices[25].slice)).length / 2, 0, accuracy: 1e-5)
    }

    /// The sign convention matches a real GE tilted head CT: positive GantryDetectorTilt with a column direction
    /// whose z is negative, and positions that step along +z only (so the in-plane shift runs along −column).
    func testTiltSignConventionMatchesARealGEFile() throws {
        let ge = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/realdata/ge-ct-gantry-tilt").standardizedFileURL
        guard FileManager.default.fileExists(atPath: ge.appendingPathComponent("01.dcm").path) else {
            throw XCTSkip("real GE file not at \(ge.path)")
        }
        func signs(_ a: DataSet, _ b: DataSet) throws -> [Double] {
            let tilt = try XCTUnwrap(a.double(CaseTag.gantryDetectorTilt))
            let iop = try XCTUnwrap(a.doubles(.imageOrientationPatient))
            let pa = try XCTUnwrap(a.doubles(.imagePositionPatient)), pb = try XCTUnwrap(b.doubles(.imagePositionPatient))
            let step = Vector3(pb[0] - pa[0], pb[1] - pa[1], pb[2] - pa[2])
            let column = Vector3(iop[3], iop[4], iop[5])
            return [tilt.sign == .plus ? 1 : -1, column.z.sign == .plus ? 1 : -1, step.dot(column).sign == .plus ? 1 : -1,
                    step.x == 0 && step.y == 0 ? 1 : -1]
        }
        let geSigns = try signs(DICOMFile.read(contentsOf: ge.appendingPathComponent("01.dcm"), mode: .metadataOnly).dataSet,
                                DICOMFile.read(contentsOf: ge.appendingPathComponent("02.dcm"), mode: .metadataOnly).dataSet)
        let slices = try written(.tilt).slices(in: "tilt")
        XCTAssertEqual(try signs(slices[0].file.dataSet, slices[1].file.dataSet), geSigns)
        XCTAssertEqual(geSigns, [1, -1, -1, 1])
    }

    func testVaryingTiltShearsEachStepByTheTiltItsHeaderStates() throws {
        let slices = try written(.varyingTilt).slices(in: "varying-tilt")
        XCTAssertEqual(slices.count, 50)
        let t = 15 * Double.pi / 180
        let normal = slices[0].slice.plane.normal
        for (_, slice) in slices {
            XCTAssertEqual(slice.plane.columnDirection.y, cos(t), accuracy: 1e-9)
            XCTAssertEqual(slice.plane.columnDirection.z, -sin(t), accuracy: 1e-9)
            XCTAssertEqual(slice.plane.position.x, -191)
        }
        let tilts = try slices.map { try XCTUnwrap($0.file.dataSet.double(CaseTag.gantryDetectorTilt)) }
        let shears = steps(positions(slices)).map { shearDegrees($0, normal: normal) }
        for (k, shear) in shears.enumerated() {
            XCTAssertEqual(shear, tilts[k + 1], accuracy: 1e-3, "step into slice \(k + 1)")
            XCTAssertEqual(steps(positions(slices))[k].dot(normal), 2, accuracy: 2e-6)
        }
        XCTAssertEqual(shears.first ?? 0, 12, accuracy: 1e-3)
        XCTAssertEqual(shears.last ?? 0, 18, accuracy: 1e-3)
        XCTAssertTrue(zip(shears.dropFirst(), shears).allSatisfy { $0 > $1 }, "the shear grows from slice to slice")
        // Not on a straight line: the middle positions sag more than 1 mm off the chord from the first to the last.
        let p = positions(slices), chord = (p[49] - p[0]).normalized
        let sag = p.map { q in ((q - p[0]) - chord * (q - p[0]).dot(chord)).length }.max() ?? 0
        XCTAssertGreaterThan(sag, 1)
        XCTAssertEqual(Set(steps(p).map { ($0.y * 1e4).rounded() }).count, 49, "y steps differ at every slice")
    }

    /// One tilted image: its pixels are the anatomy at the plane its header states, and the para-aortic node's
    /// cross-section is centred where the node's centre projects onto that plane. Reading the same pixels as
    /// an axial image would put the node about 5 mm off.
    func testTiltPixelsShowTheAnatomyAtTheTruePlane() throws {
        let cases = try written(.tilt)
        let anatomy = PhantomAnatomy.standard
        let node = try XCTUnwrap(anatomy.lesions.first { $0.name == "left para-aortic node" })
        let slices = try cases.slices(in: "tilt")
        let distance = { (s: SliceMetadata) in abs((node.centre - s.plane.position).dot(s.plane.normal)) }
        let nearest = try XCTUnwrap(slices.min { distance($0.slice) < distance($1.slice) })
        let plane = nearest.slice.plane
        let full = try DICOMFile.read(contentsOf: try XCTUnwrap(nearest.file.url), mode: .full)
        let storage = try full.decodePixels().storage
        XCTAssertEqual(storage.count, plane.rows * plane.columns)

        var matches = 0, lesion: [(Double, Double)] = []
        for j in 0..<plane.rows {
            for i in 0..<plane.columns {
                let hu = storage.value(at: j * plane.columns + i) - 1024
                if hu == anatomy.hounsfield(at: plane.world(column: Double(i), row: Double(j))) { matches += 1 }
                if hu == 45 { lesion.append((Double(i), Double(j))) }
            }
        }
        XCTAssertGreaterThan(Double(matches) / Double(storage.count), 0.999)

        XCTAssertGreaterThan(lesion.count, 10, "the node's cross-section is in the slice nearest its centre")
        guard !lesion.isEmpty else { return }
        let d = distance(nearest.slice)
        let expectedArea = Double.pi * (node.radius * node.radius - d * d)
        XCTAssertEqual(Double(lesion.count) * 4, expectedArea, accuracy: expectedArea * 0.2)
        let ci = lesion.map(\.0).reduce(0, +) / Double(lesion.count), cj = lesion.map(\.1).reduce(0, +) / Double(lesion.count)
        let centroid = plane.world(column: ci, row: cj)
        let projected = node.centre - plane.normal * (node.centre - plane.position).dot(plane.normal)
        XCTAssertLessThan((centroid - projected).length, 1, "centroid \(centroid), expected \(projected)")
        let axialReading = plane.position + Vector3(ci * 2, cj * 2, 0)
        XCTAssertGreaterThan((axialReading - projected).length, 4, "an axial reading of the header must miss the node")
    }
}
