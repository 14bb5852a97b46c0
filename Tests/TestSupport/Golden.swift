import Foundation
import Raster
import XCTest

/// Golden-image comparison: `goldens/<name>.png` at the package root.
///
/// With `LIGHTBOX_UPDATE_GOLDENS=1` (`make goldens`) the frame is written as the golden instead.
/// On a mismatch `<name>.actual.png` and `<name>.diff.png` are written beside the golden and their
/// paths printed; a missing golden fails and names `make goldens`.
public enum Golden {
    public static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("goldens")

    public static var updating: Bool { ProcessInfo.processInfo.environment["LIGHTBOX_UPDATE_GOLDENS"] == "1" }

    /// How far a frame may stray from its golden: channels differing by more than `levels` count as
    /// differing pixels, and at most `fraction` of the pixels may differ.
    public struct Tolerance: Sendable {
        public var levels: Int
        public var fraction: Double

        public init(levels: Int, fraction: Double) {
            self.levels = levels
            self.fraction = fraction
        }

        /// llvmpipe on one machine is deterministic, so the goldens would match exactly; 2 levels and
        /// 0.1 % of the pixels absorb float rounding differences between LLVM versions / CPU vector widths
        /// (trilinear weights, the VOI quotient at a rounding edge) while any real change — a flipped
        /// axis, a half-voxel shift, a wrong colour, a missing letter — moves far more pixels than that.
        public static let standard = Tolerance(levels: 2, fraction: 0.001)
    }

    public static func assertMatches(
        _ frame: Frame, _ name: String, tolerance: Tolerance = .standard, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let golden = directory.appendingPathComponent(name + ".png")
        let actualURL = directory.appendingPathComponent(name + ".actual.png")
        let diffURL = directory.appendingPathComponent(name + ".diff.png")
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try PNGCodec.write(frame, to: golden)
            print("golden written: \(golden.path)")
            return
        }
        guard FileManager.default.fileExists(atPath: golden.path) else {
            try PNGCodec.write(frame, to: actualURL)
            XCTFail("\(name): no golden at \(golden.path); run `make goldens` to create it (frame written to \(actualURL.path))", file: file, line: line)
            return
        }
        let expected = try PNGCodec.read(contentsOf: golden)
        guard expected.width == frame.width, expected.height == frame.height else {
            try PNGCodec.write(frame, to: actualURL)
            XCTFail("\(name): golden is \(expected.width)×\(expected.height), frame is \(frame.width)×\(frame.height); actual: \(actualURL.path)", file: file, line: line)
            return
        }
        let difference = try ImageComparison.compare(expected: expected, actual: frame, tolerance: tolerance.levels)
        if difference.fractionAboveTolerance > tolerance.fraction {
            try PNGCodec.write(frame, to: actualURL)
            try PNGCodec.write(try ImageComparison.diffImage(expected: expected, actual: frame, tolerance: tolerance.levels), to: diffURL)
            print("golden mismatch \(name):\n  actual: \(actualURL.path)\n  diff:   \(diffURL.path)")
            XCTFail(
                "\(name): \(difference.pixelsAboveTolerance) pixels (\(difference.fractionAboveTolerance * 100)%) differ by more than "
                    + "\(tolerance.levels) levels (max \(difference.maxAbsoluteDifference)), allowed \(tolerance.fraction * 100)%; "
                    + "actual \(actualURL.path), diff \(diffURL.path)", file: file, line: line)
        } else {
            try? FileManager.default.removeItem(at: actualURL)
            try? FileManager.default.removeItem(at: diffURL)
        }
    }
}
