import Foundation

/// How far an actual image is from an expected one (see `ImageComparison.compare`).
///
/// Per-pixel difference is the largest |expected − actual| over the pixel's channels, in the
/// compared format's units (0...255, or 0...65535 when both frames are gray16).
public struct ImageDifference: Sendable, Equatable, Codable {
    public let width: Int
    public let height: Int
    /// The tolerance the counts below were taken against.
    public let tolerance: Int
    /// Largest per-pixel difference.
    public let maxAbsoluteDifference: Int
    /// Mean per-pixel difference over the compared pixels.
    public let meanAbsoluteDifference: Double
    /// Compared pixels whose difference is strictly greater than `tolerance`.
    public let pixelsAboveTolerance: Int
    /// `pixelsAboveTolerance` over the compared pixels, 0 when there are none.
    public let fractionAboveTolerance: Double
    /// Peak signal-to-noise ratio in dB, 10·log10(peak² / MSE) over the compared pixels' samples of the channels
    /// `ImageComparison.measuredChannels` names (alpha only when an image has transparency): ImageMagick 6's
    /// `compare -metric PSNR` for opaque images (for translucent ones it weights colour by alpha; this does not).
    /// `.infinity` when identical.
    /// Encoded as JSON `null` when infinite (and `null`/missing decodes back to `.infinity`).
    public let psnr: Double
    /// Structural similarity, 1 when identical (defined in `StructuralSimilarity`, as ImageMagick 7 defines it).
    public let ssim: Double
    /// Pixels left out of every metric (an ignore mask); the others are the compared pixels.
    public let ignoredPixels: Int

    /// True when no pixel exceeds the tolerance.
    public var isWithinTolerance: Bool { pixelsAboveTolerance == 0 }

    public init(width: Int, height: Int, tolerance: Int, maxAbsoluteDifference: Int,
                meanAbsoluteDifference: Double, pixelsAboveTolerance: Int,
                fractionAboveTolerance: Double, psnr: Double, ssim: Double, ignoredPixels: Int = 0) {
        self.width = width
        self.height = height
        self.tolerance = tolerance
        self.maxAbsoluteDifference = maxAbsoluteDifference
        self.meanAbsoluteDifference = meanAbsoluteDifference
        self.pixelsAboveTolerance = pixelsAboveTolerance
        self.fractionAboveTolerance = fractionAboveTolerance
        self.psnr = psnr
        self.ssim = ssim
        self.ignoredPixels = ignoredPixels
    }

    private enum CodingKeys: String, CodingKey {
        case width, height, tolerance, maxAbsoluteDifference, meanAbsoluteDifference
        case pixelsAboveTolerance, fractionAboveTolerance, psnr, ssim, ignoredPixels
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        width = try c.decode(Int.self, forKey: .width)
        height = try c.decode(Int.self, forKey: .height)
        tolerance = try c.decode(Int.self, forKey: .tolerance)
        maxAbsoluteDifference = try c.decode(Int.self, forKey: .maxAbsoluteDifference)
        meanAbsoluteDifference = try c.decode(Double.self, forKey: .meanAbsoluteDifference)
        pixelsAboveTolerance = try c.decode(Int.self, forKey: .pixelsAboveTolerance)
        fractionAboveTolerance = try c.decode(Double.self, forKey: .fractionAboveTolerance)
        psnr = try c.decodeIfPresent(Double.self, forKey: .psnr) ?? .infinity
        ssim = try c.decode(Double.self, forKey: .ssim)
        ignoredPixels = try c.decodeIfPresent(Int.self, forKey: .ignoredPixels) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(width, forKey: .width)
        try c.encode(height, forKey: .height)
        try c.encode(tolerance, forKey: .tolerance)
        try c.encode(maxAbsoluteDifference, forKey: .maxAbsoluteDifference)
        try c.encode(meanAbsoluteDifference, forKey: .meanAbsoluteDifference)
        try c.encode(pixelsAboveTolerance, forKey: .pixelsAboveTolerance)
        try c.encode(fractionAboveTolerance, forKey: .fractionAboveTolerance)
        if psnr.isFinite {
            try c.encode(psnr, forKey: .psnr)
        } else {
            try c.encodeNil(forKey: .psnr)
        }
        try c.encode(ssim, forKey: .ssim)
        try c.encode(ignoredPixels, forKey: .ignoredPixels)
    }
}
