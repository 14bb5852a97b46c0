import Foundation
import Raster
import XCTest

/// Hand-made frames and scratch folders shared by the tests.
enum Fixtures {
    /// A smooth diagonal gray8 gradient.
    static func grayGradient(width: Int, height: Int) throws -> Frame {
        var samples = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                samples[y * width + x] = UInt8((x + y) * 255 / max(1, width + height - 2))
            }
        }
        return try Frame(width: width, height: height, gray8: samples)
    }

    /// A smooth rgba8 gradient: red follows x, green follows y, blue is their mean, alpha varies.
    static func colorGradient(width: Int, height: Int) throws -> Frame {
        var samples = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let r = x * 255 / max(1, width - 1), g = y * 255 / max(1, height - 1)
                let i = (y * width + x) * 4
                samples[i] = UInt8(r)
                samples[i + 1] = UInt8(g)
                samples[i + 2] = UInt8((r + g) / 2)
                samples[i + 3] = UInt8(255 - (x % 7))
            }
        }
        return try Frame(width: width, height: height, rgba8: samples)
    }

    /// gray16 samples spanning the full 16-bit range, including values far above 255.
    static func gray16Ramp(width: Int, height: Int) throws -> Frame {
        let count = width * height
        let samples = (0..<count).map { UInt16(truncatingIfNeeded: $0 * 65535 / max(1, count - 1)) }
        return try Frame(width: width, height: height, gray16: samples)
    }

    /// A fresh empty folder under the temporary directory, removed when the test ends.
    static func scratchFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("RasterTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
