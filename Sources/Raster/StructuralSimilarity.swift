import Foundation

/// Structural similarity (SSIM), defined as ImageMagick 7's `compare -metric SSIM` defines it (ImageMagick 6.9.11,
/// Debian 12's, has no SSIM metric: its `compare -list metric` ends at RMSE):
///
/// - samples scaled to 0…1 (value / 255, or / 65535 for gray16), of every channel of the compared format, but alpha only
///   when either image has transparency (ImageMagick's PNG reader drops an alpha channel that is opaque everywhere);
/// - at each pixel, Gaussian-weighted means μx, μy, variances σx², σy² and covariance σxy over an 11 × 11 window
///   (radius 5, σ = 1.5, weights exp(−(u² + v²) / 2σ²) normalised to sum 1; population moments, E[xy] − μxμy);
///   window pixels beyond the border repeat the edge pixel (ImageMagick's default "edge" virtual pixels);
/// - SSIM = (2μxμy + C1)(2σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)), C1 = 0.01², C2 = 0.03²;
/// - the image's SSIM is the mean over pixels and channels: a similarity, 1 for identical images (ImageMagick's
///   DSSIM is (1 − SSIM) / 2).
///
/// Ignored pixels are left out of the mean; the windows of the others still see them. Away from the border this is
/// scikit-image's `structural_similarity(gaussian_weights=True, sigma=1.5, use_sample_covariance=False)`.
enum StructuralSimilarity {
    static let radius = 5
    static let c1: Float = 0.01 * 0.01
    static let c2: Float = 0.03 * 0.03
    /// The 11 normalised 1-D weights; their outer product is the normalised 2-D Gaussian.
    static let weights: [Float] = {
        let sigma = 1.5
        let w = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let sum = w.reduce(0, +)
        return w.map { Float($0 / sum) }
    }()

    /// Mean SSIM of two frames of one format and size over their first `channels` channels and the pixels not
    /// ignored (1 when none is left).
    static func mean(_ e: Frame, _ a: Frame, channels: Int, ignored: [Bool]?) -> Double {
        let kept = ignored.map { $0.reduce(0) { $0 + ($1 ? 0 : 1) } } ?? e.pixelCount
        guard kept > 0 else { return 1 }
        var total = 0.0
        for c in 0..<channels {
            let x = plane(e, channel: c), y = plane(a, channel: c)
            total += x == y ? Double(kept) : sum(x, y, width: e.width, height: e.height, ignored: ignored)
        }
        return total / Double(kept * channels)
    }

    /// One channel scaled to 0…1.
    private static func plane(_ frame: Frame, channel: Int) -> [Float] {
        if frame.format == .gray16 { return frame.samples16.map { Float($0) / 65535 } }
        let stride = frame.format.channels
        return [Float](unsafeUninitializedCapacity: frame.pixelCount) { out, done in
            frame.samples8.withUnsafeBufferPointer { s in
                for i in 0..<frame.pixelCount { out[i] = Float(s[i &* stride &+ channel]) * (1 / 255) }
            }
            done = frame.pixelCount
        }
    }

    /// Sum of the per-pixel SSIM of one channel over the pixels not ignored.
    private static func sum(_ x: [Float], _ y: [Float], width: Int, height: Int, ignored: [Bool]?) -> Double {
        let n = width * height
        // Horizontal pass: the five moments (x, y, x², y², xy) of each row, blurred along the row.
        var rows = [Float](repeating: 0, count: 5 * n)
        var padded = [Float](repeating: 0, count: 5 * (width + 2 * radius))
        let w = weights
        rows.withUnsafeMutableBufferPointer { h in
            padded.withUnsafeMutableBufferPointer { p in
                x.withUnsafeBufferPointer { xs in
                    y.withUnsafeBufferPointer { ys in
                        let pw = width + 2 * radius
                        for r in 0..<height {
                            for i in 0..<pw {
                                let s = r * width + min(max(i - radius, 0), width - 1)
                                let xv = xs[s], yv = ys[s]
                                p[i] = xv
                                p[pw + i] = yv
                                p[2 * pw + i] = xv * xv
                                p[3 * pw + i] = yv * yv
                                p[4 * pw + i] = xv * yv
                            }
                            for q in 0..<5 {
                                let out = h.baseAddress! + q * n + r * width
                                let src = p.baseAddress! + q * pw
                                for k in 0..<w.count {
                                    let wk = w[k], from = src + k
                                    for i in 0..<width { out[i] += wk * from[i] }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Vertical pass, row by row, then SSIM per pixel.
        var acc = [Float](repeating: 0, count: 5 * width)
        var total = 0.0
        rows.withUnsafeBufferPointer { h in
            acc.withUnsafeMutableBufferPointer { m in
                for r in 0..<height {
                    m.update(repeating: 0)
                    for k in 0..<w.count {
                        let source = min(max(r + k - radius, 0), height - 1), wk = w[k]
                        for q in 0..<5 {
                            let out = m.baseAddress! + q * width
                            let from = h.baseAddress! + q * n + source * width
                            for i in 0..<width { out[i] += wk * from[i] }
                        }
                    }
                    var rowSum: Float = 0
                    for i in 0..<width where ignored?[r * width + i] != true {
                        let mx = m[i], my = m[width + i]
                        let vx = m[2 * width + i] - mx * mx, vy = m[3 * width + i] - my * my
                        let cxy = m[4 * width + i] - mx * my
                        rowSum += ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2))
                    }
                    total += Double(rowSum)
                }
            }
        }
        return total
    }
}
