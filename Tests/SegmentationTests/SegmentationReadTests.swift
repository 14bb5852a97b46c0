import DICOM
import Foundation
import Segmentation
import Volume
import XCTest

/// Each fixture read into a label volume, sampled at the CT's voxel centres, equals the labels the fixture script
/// wrote (highdicom / nibabel / matplotlib), voxel for voxel; counts and colours are the script's.
final class SegmentationReadTests: XCTestCase {
    /// The label volume sampled nearest at every CT voxel centre.
    func onCTGrid(_ labels: LabelVolume) -> [UInt16] {
        let g = Fixtures.ctGrid
        var out: [UInt16] = []
        for k in 0..<40 { for j in 0..<64 { for i in 0..<64 {
            out.append(labels.label(atIndex: labels.patientToIndex.transformPoint(g.world(Double(i), Double(j), Double(k)))))
        } } }
        return out
    }

    func read(_ name: String) throws -> LabelVolume {
        try LabelVolume.read(Fixtures.url(name), imageGrid: Fixtures.ctGrid, imageFrameOfReference: nil)
    }

    func assertMatches(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let labels = try read(name)
        let actual = onCTGrid(labels), expected = Fixtures.labels(name)
        let wrong = zip(actual, expected).filter { $0 != $1 }.count
        XCTAssertEqual(wrong, 0, "\(name): \(wrong) voxels differ", file: file, line: line)
        for (number, count) in Fixtures.expected.fixtures[name]!.counts {
            XCTAssertEqual(labels.segments.first { $0.number == Int(number) }?.voxelCount, count, "\(name) segment \(number)", file: file, line: line)
        }
    }

    func testBinarySEGSparseFramesMatchTheMasks() throws {
        try assertMatches("seg-binary.dcm")
        let labels = try read("seg-binary.dcm")
        XCTAssertEqual(labels.segments.map(\.name), ["body", "bone", "lung"])
        XCTAssertEqual(labels.frameOfReferenceUID, "2.25.290136951283746505823178450198221460917.2")
        XCTAssertEqual(labels.segments[1].volumeML, Double(labels.segments[1].voxelCount) * 0.18, accuracy: 1e-9)
    }

    func testFractionalSEGInShuffledOrderIsThresholdedAtOneHalf() throws { try assertMatches("seg-fractional.dcm") }

    func testLabelmapSEG() throws { try assertMatches("seg-labelmap.dcm") }

    func testNIfTILabelMap() throws { try assertMatches("labels.nii.gz") }

    /// The raster equals matplotlib's Path.contains_points except where a voxel centre lies on a contour line
    /// (none does in this fixture, whose points are off the grid); the ring's inner contour is a hole.
    func testRTSTRUCTRasterEqualsTheReferenceRasterizer() throws {
        try assertMatches("rtstruct.dcm")
        let labels = try read("rtstruct.dcm")
        XCTAssertEqual(labels.segments.map(\.name), ["spine ring", "hollow"])
        XCTAssertEqual(labels.segments.map(\.colour), [SIMD3(255, 0, 255), SIMD3(0, 255, 0)])
    }

    /// SEG's recommended CIELab values (written by highdicom from sRGB) come back to the same sRGB within one level.
    func testCIELabColoursComeBackAsTheirSRGB() throws {
        for segment in try read("seg-binary.dcm").segments {
            let expected = Fixtures.expected.colours[String(segment.number)]!
            for (a, b) in zip([segment.colour.x, segment.colour.y, segment.colour.z], expected) {
                XCTAssertLessThanOrEqual(abs(Int(a) - b), 1, "segment \(segment.name): \(segment.colour) vs \(expected)")
            }
        }
    }

    func testAnotherFrameOfReferenceIsRefusedWithBothUIDs() throws {
        XCTAssertThrowsError(try LabelVolume.read(Fixtures.url("seg-binary.dcm"), imageGrid: Fixtures.ctGrid, imageFrameOfReference: "1.2.3")) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.contains("seg-binary.dcm") && message.contains("1.2.3") && message.contains("2.25.2901369512"), message)
        }
    }

    func testUnknownSegmentNamesTheAvailableOnes() throws {
        let labels = try read("seg-binary.dcm")
        XCTAssertEqual(try labels.segmentNumbers(["bone", "3"]), [2, 3])
        XCTAssertThrowsError(try labels.segmentNumbers(["liver"])) { error in
            XCTAssertTrue(String(describing: error).contains("1 body"), String(describing: error))
        }
    }
}
