extension ImageComparison {
    /// A visual diff (rgba8, same size): the expected image dimmed to ~30 % grey, pixels whose
    /// difference exceeds `tolerance` in red (128...255, scaled by difference relative to the
    /// largest one), pixels that differ but within tolerance in yellow, and ignored pixels in dark blue.
    /// Throws `.sizeMismatch` when the dimensions differ (a mask of another size ignores nothing here).
    public static func diffImage(expected: Frame, actual: Frame, tolerance: Int, ignoring mask: IgnoreMask? = nil) throws(RasterError) -> Frame {
        let (e, a) = try commonFormat(expected, actual)
        let differences = e.format == .gray16
            ? e.samples16.withUnsafeBufferPointer { ep in
                a.samples16.withUnsafeBufferPointer { ap in pixelDifferences(ep, ap, channels: 1) }
            }
            : e.samples8.withUnsafeBufferPointer { ep in
                a.samples8.withUnsafeBufferPointer { ap in pixelDifferences(ep, ap, channels: e.format.channels) }
            }
        let largest = Int(differences.max() ?? 0)
        let tolerance = max(0, tolerance)
        let base = e.converted(to: .gray8).samples8
        let ignored = mask.flatMap { $0.width == e.width && $0.height == e.height ? $0.ignored : nil }
        var output = [UInt8](repeating: 255, count: e.pixelCount * 4)
        output.withUnsafeMutableBufferPointer { out in
            for i in 0..<differences.count {
                let d = Int(differences[i])
                let o = 4 * i
                if let ignored, ignored[i] {
                    out[o] = 20
                    out[o + 1] = 30
                    out[o + 2] = 90
                } else if d > tolerance {
                    out[o] = UInt8(128 + 127 * d / largest)
                    out[o + 1] = 0
                    out[o + 2] = 0
                } else if d > 0 {
                    out[o + 2] = 0
                } else {
                    let dim = UInt8((Int(base[i]) * 77 + 128) >> 8)
                    out[o] = dim
                    out[o + 1] = dim
                    out[o + 2] = dim
                }
            }
        }
        return Frame(unchecked: e.width, e.height, .rgba8, samples8: output, samples16: [])
    }

    /// Per-pixel maximum channel difference.
    private static func pixelDifferences<T: FixedWidthInteger & UnsignedInteger>(
        _ e: UnsafeBufferPointer<T>, _ a: UnsafeBufferPointer<T>, channels: Int
    ) -> [UInt16] {
        let pixels = min(e.count, a.count) / channels
        return [UInt16](unsafeUninitializedCapacity: pixels) { out, initialized in
            for p in 0..<pixels {
                var pixelMax = 0
                for c in 0..<channels {
                    let x = Int(e[p &* channels &+ c]), y = Int(a[p &* channels &+ c])
                    pixelMax = max(pixelMax, x > y ? x &- y : y &- x)
                }
                out[p] = UInt16(pixelMax)
            }
            initialized = pixels
        }
    }
}
