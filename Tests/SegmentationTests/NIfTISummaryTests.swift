import Foundation
import Jobs
import XCTest

/// `lightbox info` on a NIfTI file: the volume it renders as (grid, spacing, values) and its header's format.
final class NIfTISummaryTests: XCTestCase {
    func testANIfTIFileIsSummarisedAsTheVolumeItRendersAs() async throws {
        var header = NIfTIBytes.header(dims: [3, 6, 5, 4], datatype: 512, bitpix: 16)  // uint16
        withUnsafeBytes(of: Float(2.5).bitPattern.littleEndian) { for (n, b) in $0.enumerated() { header[80 + n] = b } }  // pixdim[1]
        let voxels = (0..<(6 * 5 * 4)).flatMap { (n: Int) -> [UInt8] in withUnsafeBytes(of: UInt16(n * 10).littleEndian) { Array($0) } }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-nifti-summary-\(UUID().uuidString).nii")
        try Data(header + voxels).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let summary = await SeriesSummary.inspect(nifti: url.path, in: LightboxSession())
        XCTAssertEqual(summary.problems, [])
        XCTAssertEqual(summary.dimensions, [6, 5, 4])
        XCTAssertEqual(summary.spacingMM?.first ?? 0, 2.5, accuracy: 1e-9)
        XCTAssertEqual(summary.frames, 4)
        XCTAssertEqual(summary.valueRange?.min, 0)
        XCTAssertEqual(summary.valueRange?.max, 1190)
        XCTAssertEqual(summary.format, "NIfTI-1 uint16, affine from the pixdim")
        XCTAssertFalse(summary.lines.contains { $0.contains("patient") }, "\(summary.lines)")
    }

    func testAMissingNIfTIFileIsAProblemNamingIt() async {
        let summary = await SeriesSummary.inspect(nifti: "/nonexistent/scan.nii.gz", in: LightboxSession())
        XCTAssertNil(summary.dimensions)
        XCTAssertTrue(summary.problems.contains { $0.contains("scan.nii.gz") }, "\(summary.problems)")
    }
}
