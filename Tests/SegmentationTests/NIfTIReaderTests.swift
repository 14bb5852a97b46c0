import Foundation
import NIfTI
import Volume
import XCTest

/// nibabel's own NIfTI test files (pinned wheel, fetched by scripts/fetch-testdata.sh) read with the affine, shape and
/// values nibabel reports (recorded in Fixtures/expected.json by the fixture script).
final class NIfTIReaderTests: XCTestCase {
    static var folder: URL {
        let root = ProcessInfo.processInfo.environment["LIGHTBOX_TESTDATA"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".testdata")
        return root.appendingPathComponent("nibabel")
    }

    func testNibabelFilesGiveNibabelsAffineShapeAndValues() throws {
        guard FileManager.default.fileExists(atPath: Self.folder.path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { return XCTFail("no nibabel test files in \(Self.folder.path)") }
            throw XCTSkip("run scripts/fetch-testdata.sh for nibabel's NIfTI test files")
        }
        let references = Fixtures.expected.nibabel
        XCTAssertGreaterThanOrEqual(references.count, 7)
        for reference in references {
            let file = try NIfTIFile(url: Self.folder.appendingPathComponent(reference.file))
            XCTAssertEqual(file.header.dimensions, reference.shape, reference.file)
            let m = file.header.bestAffineRAS.matrix
            for r in 0..<4 { for c in 0..<4 {
                XCTAssertEqual(m[r, c], reference.affineRAS[r][c], accuracy: 1e-4, "\(reference.file) affine[\(r)][\(c)]")
            } }
            let values = try (0..<file.header.spatialDimensions.z).flatMap { try file.sliceValues($0) }
            XCTAssertEqual(values.filter(\.isNaN).count, reference.firstVolumeNaNs, reference.file)
            let sum = values.filter { !$0.isNaN }.reduce(0, +)
            XCTAssertEqual(sum, reference.firstVolumeSum, accuracy: max(1e-6, abs(reference.firstVolumeSum) * 1e-9), reference.file)
            XCTAssertEqual(values[0].isNaN ? 0 : values[0], reference.firstVoxel, accuracy: 1e-6, reference.file)
        }
    }

    /// LPS is RAS with the first two rows negated.
    func testLPSAffineNegatesTheFirstTwoRows() throws {
        let file = try NIfTIFile(url: Fixtures.url("labels.nii.gz"))
        let ras = file.header.bestAffineRAS.matrix, lps = file.header.bestAffineLPS
        for c in 0..<4 {
            XCTAssertEqual(lps[0, c], -ras[0, c]); XCTAssertEqual(lps[1, c], -ras[1, c]); XCTAssertEqual(lps[2, c], ras[2, c])
        }
        XCTAssertEqual(file.header.bestAffineRAS.source, .sform)
    }
}
