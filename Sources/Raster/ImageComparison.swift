import Foundation

/// Pixel-level comparison of an actual frame against an expected (golden) frame.
///
/// Frames of the same format are compared as they are; otherwise both are converted to rgba8
/// first (so gray8 vs rgba8 compares the replicated gray against the colour channels).
public enum ImageComparison {
    /// Difference metrics; throws `.sizeMismatch` when the dimensions differ.
    /// A negative tolerance is treated as 0.
    public static func compare(expected: Frame, actual: Frame, tolerance: Int) throws(RasterError) -> ImageDifference {
        let (e, a) = try commonFormat(expected, actual)
        let tolerance = max(0, tolerance)
        let totals = e.format == .gray16
            ? e.samples16.withUnsafeBufferPointer { ep in
                a.samples16.withUnsafeBufferPointer { ap in Totals(ep, ap, channels: 1, tolerance: tolerance) }
            }
            : e.samples8.withUnsafeBufferPointer { ep in
                a.samples8.withUnsafeBufferPointer { ap in Totals(ep, ap, channels: e.format.channels, tolerance: tolerance) }
            }
        let pixels = e.pixelCount
        let samples = Double(pixels * e.format.channels)
        let peak = Double(e.format.maxValue)
        let psnr = totals.sumOfSquares == 0
            ? Double.infinity
            : 10 * log10(peak * peak / (Double(totals.sumOfSquares) / samples))
        return ImageDifference(
            width: e.width, height: e.height, tolerance: tolerance,
            maxAbsoluteDifference: totals.maximum,
            meanAbsoluteDifference: pixels == 0 ? 0 : Double(totals.sum) / Double(pixels),
            pixelsAboveTolerance: totals.above,
            fractionAboveTolerance: pixels == 0 ? 0 : Double(totals.above) / Double(pixels),
            psnr: psnr)
    }

    /// Both frames in one format, or `.sizeMismatch`.
    static func commonFormat(_ expected: Frame, _ actual: Frame) throws(RasterError) -> (Frame, Frame) {
        guard expected.width == actual.width, expected.height == actual.height else {
            throw .sizeMismatch(expectedWidth: expected.width, expectedHeight: expected.height,
                                actualWidth: actual.width, actualHeight: actual.height)
        }
        if expected.format == actual.format { return (expected, actual) }
        return (expected.converted(to: .rgba8), actual.converted(to: .rgba8))
    }
}

/// Running sums of one comparison pass.
private struct Totals {
    var maximum = 0
    var sum = 0
    var sumOfSquares = 0
    var above = 0

    /// One tight pass over two equally sized sample buffers of `channels` samples per pixel.
    init<T: FixedWidthInteger & UnsignedInteger>(_ e: UnsafeBufferPointer<T>, _ a: UnsafeBufferPointer<T>,
                                                 channels: Int, tolerance: Int) {
        let count = min(e.count, a.count)
        var i = 0
        while i < count {
            var pixelMax = 0
            for c in 0..<channels {
                let x = Int(e[i &+ c]), y = Int(a[i &+ c])
                let d = x > y ? x &- y : y &- x
                sumOfSquares &+= d &* d
                if d > pixelMax { pixelMax = d }
            }
            sum &+= pixelMax
            if pixelMax > maximum { maximum = pixelMax }
            if pixelMax > tolerance { above &+= 1 }
            i &+= channels
        }
    }
}
