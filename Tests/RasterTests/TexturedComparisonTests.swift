import Foundation
import Raster
import XCTest

/// Decode + compare of 512×512 PNG pairs like renders (gradients and noise, the golden-image workload), checked
/// against a direct count over the samples.
final class TexturedComparisonTests: XCTestCase {
    /// A 512×512 rgba8 image with gradients and deterministic noise (compresses like a render).
    private func texturedFrame(seed: UInt32) throws -> Frame {
        var state = seed
        var samples = [UInt8](repeating: 255, count: 512 * 512 * 4)
        for y in 0..<512 {
            for x in 0..<512 {
                state = state &* 1_664_525 &+ 1_013_904_223
                let noise = Int(state >> 28)
                let i = (y * 512 + x) * 4
                samples[i] = UInt8((x / 2 + noise) & 255)
                samples[i + 1] = UInt8((y / 2 + noise) & 255)
                samples[i + 2] = UInt8(((x + y) / 4 + noise) & 255)
            }
        }
        return try Frame(width: 512, height: 512, rgba8: samples)
    }

    func testDecodedPNGPairsCompareLikeADirectCount() throws {
        let expectedFrame = try texturedFrame(seed: 1), actualFrame = try texturedFrame(seed: 2)
        let expected = try PNGCodec.decode(try PNGCodec.encode(expectedFrame), name: "expected.png")
        let actual = try PNGCodec.decode(try PNGCodec.encode(actualFrame), name: "actual.png")
        XCTAssertEqual(expected.samples8, expectedFrame.samples8, "PNG round trip is lossless")
        for tolerance in [0, 2, 7] {
            let difference = try ImageComparison.compare(expected: expected, actual: actual, tolerance: tolerance)
            var above = 0, maximum = 0
            for pixel in 0..<(512 * 512) {
                let worst = (0..<4).map { abs(Int(expected.samples8[pixel * 4 + $0]) - Int(actual.samples8[pixel * 4 + $0])) }.max()!
                if worst > tolerance { above += 1 }
                maximum = max(maximum, worst)
            }
            XCTAssertGreaterThan(above, 0)
            XCTAssertEqual(difference.pixelsAboveTolerance, above, "tolerance \(tolerance)")
            XCTAssertEqual(difference.maxAbsoluteDifference, maximum)
        }
    }
}
