import DICOM
import Foundation
import Phantom
import XCTest

/// `render --ct --pet` on a CT and a PET in different frames of reference: refused (exit 2) with the way out, and
/// fused with one warning when `--allow-different-frames` is given, for the fusion view and the 3×3 layout.
final class FusionFramesOfReferenceCLITests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = CLI.temporaryFolder("frames")
        let output = try PhantomWriter().write(to: folder)
        // The same PET in another frame of reference, as a PET registered elsewhere would be.
        for url in output.petFiles {
            var dataSet = try DICOMFile.read(contentsOf: url).dataSet
            dataSet.set(.frameOfReferenceUID, .UI, "2.25.999")
            try DICOMWriter().write(dataSet, to: url)
        }
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func render(_ view: String, _ extra: [String] = []) throws -> (CLI.Result, URL) {
        let out = folder.appendingPathComponent("\(view).png")
        let result = try CLI.run(["render", "--ct", folder.appendingPathComponent("CT").path,
                                  "--pet", folder.appendingPathComponent("PET").path,
                                  "--view", view, "-o", out.path, "--size", "96x96", "--quiet"] + extra)
        return (result, out)
    }

    func testDifferentFramesAreRefusedWithTheWayOut() throws {
        let (result, out) = try render("fusion")
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("the PET (frame of reference 2.25.999) and the CT ("), result.stderr)
        XCTAssertTrue(result.stderr.contains("pass --allow-different-frames (allowDifferentFrames) to fuse them anyway"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out.path))
    }

    func testAllowDifferentFramesFusesWithOneWarning() throws {
        for view in ["fusion", "layout-3x3"] {
            let (result, out) = try render(view, ["--allow-different-frames", "--progressive", "50"])
            XCTAssertEqual(result.status, 0, "\(view): \(result.stderr)")
            let warnings = result.stderr.components(separatedBy: "\n").filter { $0.contains("warning:") && $0.contains("2.25.999") }
            XCTAssertEqual(warnings.count, 1, "\(view): \(result.stderr)")
            XCTAssertFalse(result.stderr.contains("differs from PET frame of reference"), "\(view): \(result.stderr)")
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.path), view)
        }
    }
}
