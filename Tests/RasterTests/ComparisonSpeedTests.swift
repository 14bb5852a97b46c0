import Foundation
import Raster
import XCTest

/// Decode + compare throughput for 512×512 PNG pairs (the golden-image workload).
final class ComparisonSpeedTests: XCTestCase {
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

    func testDecodeAndComparePairOf512PNGsIsFast() throws {
        let expected = try PNGCodec.encode(texturedFrame(seed: 1))
        let actual = try PNGCodec.encode(texturedFrame(seed: 2))
        var timings: [Double] = []
        for _ in 0..<15 {
            let start = DispatchTime.now().uptimeNanoseconds
            let difference = try ImageComparison.compare(expected: PNGCodec.decode(expected, name: "expected.png"),
                                                         actual: PNGCodec.decode(actual, name: "actual.png"),
                                                         tolerance: 2)
            timings.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            XCTAssertGreaterThan(difference.pixelsAboveTolerance, 0)
        }
        let median = timings.sorted()[timings.count / 2]
        print("RasterSpeed: decode 2 × 512² RGBA PNG + compare: median \(String(format: "%.2f", median)) ms per pair")
        // Generous even for debug builds; release is far below (see report). 1,000 pairs must take seconds, not minutes.
        XCTAssertLessThan(median, 150)
    }
}
