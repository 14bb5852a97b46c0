import Foundation
import Raster
import XCTest

/// Decode + compare of 512×512 PNG pairs like renders (gradients and noise, the golden-image workload), checked
/// against a direct count over the samples.
final class TexturedComparisonTests: XCTestCase {
    func testDecodedPNGPairsCompareLikeADirectCount() throws {
        let expectedFrame = try Frame.texturedPattern(width: 512, height: 512, seed: 1)
        let actualFrame = try Frame.texturedPattern(width: 512, height: 512, seed: 2)
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
