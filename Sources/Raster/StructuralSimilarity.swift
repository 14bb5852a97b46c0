import CSSIM
import Dispatch
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
///
/// Computed in one pass over the rows (CSSIM's `lightbox_ssim_rows_u8`): the formula needs only μx, μy, E[x² + y²]
/// and E[xy], so four moments are blurred, along each row and then down the columns of a ring of 11 blurred rows;
/// bands of rows run on all cores.
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
    /// ignored (1 when none is left, or when the frames are equal).
    static func mean(_ e: Frame, _ a: Frame, channels: Int, ignored: [Bool]?) -> Double {
        let kept = ignored.map { $0.reduce(0) { $0 + ($1 ? 0 : 1) } } ?? e.pixelCount
        guard kept > 0, e != a else { return 1 }
        let bandHeight = max(32, (e.height + 2 * ProcessInfo.processInfo.activeProcessorCount - 1) / (2 * ProcessInfo.processInfo.activeProcessorCount))
        let bands = (e.height + bandHeight - 1) / bandHeight
        let sums = UnsafeMutableBufferPointer<Double>.allocate(capacity: bands)
        defer { sums.deallocate() }
        nonisolated(unsafe) let out = sums
        // Each band writes only its own sum.
        DispatchQueue.concurrentPerform(iterations: bands) { band in
            let (first, last) = (Int32(band * bandHeight), Int32(min(e.height, (band + 1) * bandHeight)))
            let (width, height) = (Int32(e.width), Int32(e.height))
            var total = 0.0
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: Int(lightbox_ssim_scratch_floats(width)))
            defer { scratch.deallocate() }
            weights.withUnsafeBufferPointer { w in
                ignored.withOptionalPointer { ignored in
                    for c in 0..<channels {
                        total += e.format == .gray16
                            ? lightbox_ssim_rows_u16(e.samples16, a.samples16, width, height, 1, 0, 1 / 65535, first, last, ignored, w.baseAddress, c1, c2, scratch)
                            : lightbox_ssim_rows_u8(e.samples8, a.samples8, width, height, Int32(e.format.channels), Int32(c), 1 / 255,
                                                    first, last, ignored, w.baseAddress, c1, c2, scratch)
                    }
                }
            }
            out[band] = total
        }
        return sums.reduce(0, +) / Double(kept * channels)
    }
}

private extension Optional where Wrapped == [Bool] {
    /// `body` with a pointer to the flags, or nil.
    func withOptionalPointer<R>(_ body: (UnsafePointer<Bool>?) -> R) -> R {
        guard let flags = self else { return body(nil) }
        return flags.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
