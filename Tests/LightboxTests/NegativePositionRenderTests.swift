import Foundation
import Phantom
import Raster
import XCTest

/// `lightbox render --position -75` (space-separated, as users type it) draws the axial plane at z = −75 mm.
final class NegativePositionRenderTests: XCTestCase {
    /// The DICOM linear VOI window (PS3.3 C.11.2.1.2.1) that `--window C,W` applies, as 8-bit grey.
    static func grey(_ value: Double, centre: Double, width: Double) -> Int {
        let lower = centre - 0.5 - (width - 1) / 2, upper = centre - 0.5 + (width - 1) / 2
        if value <= lower { return 0 }
        if value > upper { return 255 }
        return Int(((value - lower) * 255 / (width - 1) + 0.5).rounded(.down))
    }

    /// The phantom CT slice `k` through the window, row by row.
    static func expectedFrame(_ study: PhantomStudy, slice k: Int, centre: Double, width: Double) -> [Int] {
        study.ctSlice(k).map { grey(Double($0) + PhantomStudy.ctIntercept, centre: centre, width: width) }
    }

    func testNegativePositionRendersThePlaneAtThatHeight() throws {
        let folder = CLI.temporaryFolder("position")
        defer { try? FileManager.default.removeItem(at: folder) }
        let study = PhantomStudy.standard, grid = study.ct
        try PhantomWriter(study: study).write(to: folder)
        // A slice below the centre whose anatomy differs from its mirror image above it (liver and bladder, not lungs).
        let k = grid.slices * 3 / 16, mirror = grid.slices - 1 - k
        let z = grid.plane(k).position.z
        XCTAssertLessThan(z, 0)
        XCTAssertEqual(grid.plane(mirror).position.z, -z)

        // One output pixel per voxel (the frame fits the volume's extent), nearest sampling: each pixel shows
        // exactly one voxel of the plane.
        let out = folder.appendingPathComponent("axial.png")
        let result = try CLI.run(["render", folder.appendingPathComponent("CT").path, "-o", out.path, "--view", "axial",
                                  "--position", String(format: "%g", z), "--window", "-600,1500", "--sampling", "nearest",
                                  "--size", "\(grid.columns)x\(grid.rows)", "--no-letters", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let frame = try PNGCodec.read(contentsOf: out)
        XCTAssertEqual([frame.width, frame.height], [grid.columns, grid.rows])
        let rendered = (0..<frame.pixelCount).map { Int(frame.pixel(x: $0 % frame.width, y: $0 / frame.width)?.r ?? 0) }

        func differing(from expected: [Int]) -> Int { zip(rendered, expected).filter { abs($0 - $1) > 1 }.count }
        XCTAssertEqual(differing(from: Self.expectedFrame(study, slice: k, centre: -600, width: 1500)), 0, "the frame is slice \(k) at z = \(z) mm")
        XCTAssertGreaterThan(differing(from: Self.expectedFrame(study, slice: mirror, centre: -600, width: 1500)), frame.pixelCount / 100,
                             "the plane at +\(-z) mm looks different, so the sign of the position matters")
    }
}
