import TestSupport
import XCTest
@testable import Volume

/// Series assembly: sorting along the normal, geometry from measured steps, and every validation problem.
final class SeriesAssemblerTests: XCTestCase {
    /// A regular stack of `count` slices along `normal` (from IOP row × column).
    func stack(
        count: Int = 10, step: Double = 2.5, row: Vector3 = Vector3(1, 0, 0), column: Vector3 = Vector3(0, 1, 0),
        origin: Vector3 = Vector3(-100, -80, 30), rows: Int = 8, columns: Int = 6
    ) -> [SliceMetadata] {
        let normal = row.cross(column)
        return (0..<count).map { k in
            SliceMetadata(
                imageID: "/data/series/IM\(k).dcm", sopInstanceUID: "1.2.3.\(k)", seriesInstanceUID: "1.2.3",
                frameOfReferenceUID: "1.2.9", modality: "CT", instanceNumber: count - k,
                plane: ImagePlane(
                    position: origin + normal * (Double(k) * step), rowDirection: row, columnDirection: column,
                    rowSpacing: 0.7, columnSpacing: 0.9, rows: rows, columns: columns),
                rescale: Rescale(slope: 1, intercept: -1024))
        }
    }

    func problems(_ slices: [SliceMetadata]) -> [SeriesProblem] {
        do {
            _ = try SeriesAssembler().assemble(slices)
            return []
        } catch { return error.problems }
    }

    func testSortsByPositionAlongNormalNotInstanceNumber() throws {
        var slices = stack()
        slices.reverse()
        slices.swapAt(2, 7)
        let assembly = try SeriesAssembler().assemble(slices)
        let (geometry, sorted) = (assembly.geometry, assembly.slices)
        XCTAssertEqual(sorted.map(\.sopInstanceUID), (0..<10).map { "1.2.3.\($0)" })
        XCTAssertEqual(geometry.dimensions, SIMD3(6, 8, 10))
        XCTAssertEqual(geometry.spacing, Vector3(0.9, 0.7, 2.5))
    }

    func testCornerVoxelsMapToHeaderPositions() throws {
        // A sagittal acquisition: rows run posterior (+y), columns run inferior (−z); normal = −x.
        let slices = stack(count: 5, step: 3, row: Vector3(0, 1, 0), column: Vector3(0, 0, -1))
        let assembly = try SeriesAssembler().assemble(slices.shuffled())
        let (geometry, sorted) = (assembly.geometry, assembly.slices)
        let m = geometry.indexToWorld
        for (k, slice) in sorted.enumerated() {
            let p = slice.plane
            let first = m.transformPoint(Vector3(0, 0, Double(k)))
            let last = m.transformPoint(Vector3(Double(p.columns - 1), Double(p.rows - 1), Double(k)))
            XCTAssertLessThan((first - p.position).length, 1e-9)
            XCTAssertLessThan((last - p.world(column: Double(p.columns - 1), row: Double(p.rows - 1))).length, 1e-9)
        }
        let back = try XCTUnwrap(m.affineInverse).transformPoint(sorted[3].plane.position)
        XCTAssertLessThan((back - Vector3(0, 0, 3)).length, 1e-9)
    }

    func testShuffledOrderGivesSameGeometry() throws {
        let slices = stack(count: 20)
        let reference = try SeriesAssembler().assemble(slices)
        for seed in 0..<5 {
            var generator = SplitMix64(seed: UInt64(seed))
            let shuffled = try SeriesAssembler().assemble(slices.shuffled(using: &generator))
            XCTAssertEqual(shuffled.geometry, reference.geometry)
            XCTAssertEqual(shuffled.slices.map(\.imageID), reference.slices.map(\.imageID))
        }
    }

    func testMixedFrameOfReferenceNamesTheImages() {
        var slices = stack()
        slices[4].frameOfReferenceUID = "9.9.9"
        XCTAssertEqual(problems(slices), [.mixedFrameOfReference(expected: "1.2.9", found: "9.9.9", images: ["IM4.dcm"])])
        XCTAssertTrue(problems(slices)[0].description.contains("IM4.dcm"))
    }

    func testMixedOrientation() {
        var slices = stack()
        slices[6].plane.rowDirection = Vector3(0.995, 0.0998, 0).normalized
        slices[6].plane.columnDirection = Vector3(-0.0998, 0.995, 0).normalized
        XCTAssertEqual(problems(slices), [.mixedOrientation(images: ["IM6.dcm"])])
    }

    func testMixedRowsColumns() {
        var slices = stack()
        slices[2].plane.rows = 16
        XCTAssertEqual(problems(slices), [.mixedDimensions(expected: "6×8", found: "6×16", images: ["IM2.dcm"])])
    }

    func testMixedPixelSpacing() {
        var slices = stack()
        slices[3].plane.rowSpacing = 0.8
        XCTAssertEqual(problems(slices), [.mixedPixelSpacing(expected: "0.7\\0.9", found: "0.8\\0.9", images: ["IM3.dcm"])])
    }

    func testDuplicatePositions() {
        var slices = stack()
        slices[5].plane.position = slices[4].plane.position
        let found = problems(slices)
        XCTAssertEqual(found.count, 1)
        guard case .duplicatePosition(_, let images) = found.first else { return XCTFail("\(found)") }
        XCTAssertEqual(Set(images), ["IM4.dcm", "IM5.dcm"])
    }

    func irregularities(_ slices: [SliceMetadata]) throws -> [SeriesIrregularity] {
        try SeriesAssembler().assemble(slices).irregularities
    }

    func testMissingSliceIsAGapThatRendersFromTrueSlicePositions() throws {
        var slices = stack(count: 12)
        slices.remove(at: 7)
        let assembly = try SeriesAssembler().assemble(slices)
        XCTAssertEqual(assembly.irregularities, [.missingSlices(gaps: 1, first: "IM6.dcm", last: "IM8.dcm", largestGap: 5, step: 2.5)])
        let stack = try XCTUnwrap(assembly.geometry.sliceStack, "a gap is sampled through the true slice positions")
        XCTAssertEqual(stack.gapAfter.indices.filter { stack.gapAfter[$0] }, [6])
        XCTAssertEqual(stack.nominalStep, 2.5, accuracy: 1e-12)
        for (k, slice) in assembly.slices.enumerated() {
            XCTAssertLessThan((assembly.geometry.sliceWorld(0, 0, slice: k) - slice.plane.position).length, 1e-9)
        }
        XCTAssertThrowsError(try SeriesAssembler(strict: true).assemble(slices)) { error in
            XCTAssertTrue(String(describing: error).contains("missing slices"), "\(error)")
        }
    }

    func testUnevenStepBeyondToleranceUsesTrueSlicePositions() throws {
        var slices = stack(count: 10)
        slices[5].plane.position.z += 0.3
        let assembly = try SeriesAssembler().assemble(slices)
        guard case .unevenSteps(let count, let first, let last, let smallest, let largest, let deviation, let onGrid)? = assembly.irregularities.first else {
            return XCTFail("\(assembly.irregularities)")
        }
        XCTAssertEqual(assembly.irregularities.count, 1, "\(assembly.irregularities)")
        XCTAssertEqual([first, last], ["IM4.dcm", "IM6.dcm"])
        XCTAssertEqual(count, 2)
        XCTAssertEqual(smallest, 2.2, accuracy: 1e-9)
        XCTAssertEqual(largest, 2.8, accuracy: 1e-9)
        XCTAssertFalse(onGrid, "0.3 mm off a 2.5 mm grid is beyond 5%")
        XCTAssertGreaterThan(deviation, 0.125)
        XCTAssertNotNil(assembly.geometry.sliceStack)
    }

    func testJitterWithinTheGridToleranceUsesTheFittedGrid() throws {
        var slices = stack(count: 10)
        for k in slices.indices { slices[k].plane.position.z += k % 2 == 0 ? 0.04 : -0.04 }
        let assembly = try SeriesAssembler().assemble(slices)
        XCTAssertNil(assembly.geometry.sliceStack)
        XCTAssertLessThanOrEqual(assembly.geometry.gridDeviation, 0.05 * 2.5)
        XCTAssertGreaterThan(assembly.geometry.gridDeviation, 0.03)
        guard case .unevenSteps(_, _, _, _, _, _, let onGrid)? = assembly.irregularities.first else { return XCTFail("\(assembly.irregularities)") }
        XCTAssertTrue(onGrid)
        // Nearest through every slice's true plane still lands on that slice.
        let toIndex = assembly.geometry.worldToIndex
        for (k, slice) in assembly.slices.enumerated() {
            XCTAssertEqual(toIndex.transformPoint(slice.plane.position).z.rounded(), Double(k))
        }
    }

    func testSmallJitterWithinToleranceIsAccepted() throws {
        var slices = stack(count: 10)
        slices[5].plane.position.z += 0.005
        XCTAssertEqual(try irregularities(slices), [])
    }

    func testConstantGantryTiltIsAShearedAffine() throws {
        let slices = stack(count: 6).enumerated().map { k, s -> SliceMetadata in
            var s = s
            s.plane.position.y += Double(k) * 0.5  // each slice shifted 0.5 mm posterior: about 11° of tilt
            return s
        }
        let assembly = try SeriesAssembler().assemble(slices)
        guard case .gantryTilt(let degrees, let varying, _, _)? = assembly.irregularities.first else { return XCTFail("\(assembly.irregularities)") }
        XCTAssertEqual(degrees, atan(0.5 / 2.5) * 180 / .pi, accuracy: 0.01)
        XCTAssertFalse(varying)
        XCTAssertNil(assembly.geometry.sliceStack, "constant tilt is one sheared grid")
        XCTAssertEqual(assembly.geometry.shearDegrees, degrees, accuracy: 1e-9)
        XCTAssertEqual(assembly.geometry.sliceStepAlongNormal, 2.5, accuracy: 1e-9)
        for (k, slice) in assembly.slices.enumerated() {
            let p = slice.plane
            let corner = assembly.geometry.world(Double(p.columns - 1), Double(p.rows - 1), Double(k))
            XCTAssertLessThan((corner - p.world(column: Double(p.columns - 1), row: Double(p.rows - 1))).length, 1e-9)
        }
        XCTAssertThrowsError(try SeriesAssembler(strict: true).assemble(slices))
    }

    func testVaryingTiltUsesTrueSlicePositions() throws {
        let slices = stack(count: 8).enumerated().map { k, s -> SliceMetadata in
            var s = s
            s.plane.position.y += Double(k * k) * 0.1
            return s
        }
        let assembly = try SeriesAssembler().assemble(slices)
        XCTAssertNotNil(assembly.geometry.sliceStack)
        XCTAssertTrue(assembly.irregularities.contains { if case .gantryTilt(_, true, _, _) = $0 { return true } else { return false } },
                      "\(assembly.irregularities)")
    }

    func testNotOrthonormalOrientation() {
        var slices = stack(count: 3)
        slices[1].plane.columnDirection = Vector3(0.5, 0.866, 0)
        let found = problems(slices)
        guard case .invalidOrientation(let image, let detail) = found.first else { return XCTFail("\(found)") }
        XCTAssertEqual(image, "IM1.dcm")
        XCTAssertTrue(detail.contains("not orthogonal"), detail)
    }

    func testZeroAndNaNSpacingAreRefused() {
        var slices = stack(count: 3)
        slices[0].plane.rowSpacing = 0
        slices[2].plane.columnSpacing = .nan
        let found = problems(slices)
        XCTAssertEqual(found.count, 2)
        XCTAssertTrue(found.allSatisfy { if case .invalidSpacing = $0 { return true } else { return false } })
    }

    func testMixedSeriesUIDs() {
        var slices = stack(count: 4)
        slices[3].seriesInstanceUID = "1.2.4"
        XCTAssertEqual(problems(slices), [.mixedSeries(uids: ["1.2.3", "1.2.4"])])
    }

    func testSingleSliceUsesFallbackStep() throws {
        let assembly = try SeriesAssembler().assemble(stack(count: 1), fallbackStep: 5)
        let geometry = assembly.geometry
        XCTAssertEqual(geometry.dimensions.z, 1)
        XCTAssertEqual(geometry.spacing.z, 5)
        XCTAssertEqual(try SeriesAssembler().assemble(stack(count: 1), fallbackStep: .nan).geometry.spacing.z, 1)
    }

    func testEmptyInput() {
        XCTAssertEqual(problems([]), [.empty])
    }
}

