import CSSIM
import Foundation

/// Pixel-level comparison of an actual frame against an expected (golden) frame: counts over a tolerance, largest
/// and mean difference, PSNR and SSIM (`StructuralSimilarity`), leaving out the pixels of an `IgnoreMask`.
///
/// Frames of the same format are compared as they are; otherwise both are converted to rgba8
/// first (so gray8 vs rgba8 compares the replicated gray against the colour channels).
public enum ImageComparison {
    /// Difference metrics; throws `.sizeMismatch` when the dimensions differ and `.maskSizeMismatch` when `ignoring`
    /// has another size. A negative tolerance is treated as 0. Pixels of `ignoring` count in none of the metrics.
    public static func compare(expected: Frame, actual: Frame, tolerance: Int,
                               ignoring mask: IgnoreMask? = nil, maskName: String = "the ignore mask") throws(RasterError) -> ImageDifference {
        let (e, a) = try commonFormat(expected, actual)
        if let mask, mask.width != e.width || mask.height != e.height {
            throw .maskSizeMismatch(name: maskName, maskWidth: mask.width, maskHeight: mask.height, width: e.width, height: e.height)
        }
        let tolerance = max(0, tolerance)
        let ignored = mask?.ignored
        let squared = measuredChannels(e, a)
        let totals = e.format == .gray16
            ? e.samples16.withUnsafeBufferPointer { ep in
                a.samples16.withUnsafeBufferPointer { ap in Totals(ep, ap, channels: 1, squared: 1, tolerance: tolerance, ignored: ignored) }
            }
            : e.samples8.withUnsafeBufferPointer { ep in
                a.samples8.withUnsafeBufferPointer { ap in Totals(ep, ap, channels: e.format.channels, squared: squared, tolerance: tolerance, ignored: ignored) }
            }
        let ignoredPixels = mask?.count ?? 0
        let pixels = e.pixelCount - ignoredPixels
        let samples = Double(pixels * squared)
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
            psnr: psnr,
            ssim: StructuralSimilarity.mean(e, a, channels: squared, ignored: ignored),
            ignoredPixels: ignoredPixels)
    }

    /// The channels PSNR and SSIM measure, as ImageMagick does: red, green and blue of two opaque rgba8 frames (its
    /// PNG reader drops an alpha channel that is opaque everywhere), alpha too when either frame has transparency.
    static func measuredChannels(_ e: Frame, _ a: Frame) -> Int {
        guard e.format == .rgba8 else { return e.format.channels }
        func opaque(_ f: Frame) -> Bool {
            f.samples8.withUnsafeBytes { bytes in
                var all: UInt8 = 255
                for i in Swift.stride(from: 3, to: bytes.count, by: 4) { all &= bytes[i] }
                return all == 255
            }
        }
        return opaque(e) && opaque(a) ? 3 : 4
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

    /// One tight pass over two equally sized sample buffers of `channels` samples per pixel, skipping `ignored` pixels;
    /// squares are summed over the first `squared` channels of each pixel.
    init<T: FixedWidthInteger & UnsignedInteger>(_ e: UnsafeBufferPointer<T>, _ a: UnsafeBufferPointer<T>,
                                                 channels: Int, squared: Int, tolerance: Int, ignored: [Bool]?) {
        // Specialised for the common layouts (the channel loop unrolled) and for no ignore mask.
        switch (channels, ignored) {
        case (4, nil) where T.self == UInt8.self:   // rgba8 in C, built for AVX2 too (see CSSIM)
            let t = lightbox_rgba8_difference_totals(UnsafeRawPointer(e.baseAddress)?.assumingMemoryBound(to: UInt8.self),
                                                     UnsafeRawPointer(a.baseAddress)?.assumingMemoryBound(to: UInt8.self),
                                                     Int64(min(e.count, a.count) / 4), Int32(squared), Int32(clamping: tolerance))
            (maximum, sum, sumOfSquares, above) = (Int(t.maximum), Int(t.sum), Int(t.squares), Int(t.above))
        case (1, nil): add(e, a, channels: 1, squared: 1, tolerance: tolerance) { _ in false }
        case (_, let ignored?): ignored.withUnsafeBufferPointer { flags in
            add(e, a, channels: channels, squared: squared, tolerance: tolerance) { flags[$0] }
        }
        default: add(e, a, channels: channels, squared: squared, tolerance: tolerance) { _ in false }
        }
    }

    @inline(__always)
    private mutating func add<T: FixedWidthInteger & UnsignedInteger>(_ e: UnsafeBufferPointer<T>, _ a: UnsafeBufferPointer<T>,
                                                                      channels: Int, squared: Int, tolerance: Int,
                                                                      skip: (Int) -> Bool) {
        let pixels = min(e.count, a.count) / channels
        for pixel in 0..<pixels where !skip(pixel) {
            var pixelMax = 0
            for c in 0..<channels {
                let x = Int(e[pixel &* channels &+ c]), y = Int(a[pixel &* channels &+ c])
                let d = x > y ? x &- y : y &- x
                if c < squared { sumOfSquares &+= d &* d }
                if d > pixelMax { pixelMax = d }
            }
            sum &+= pixelMax
            if pixelMax > maximum { maximum = pixelMax }
            if pixelMax > tolerance { above &+= 1 }
        }
    }
}
