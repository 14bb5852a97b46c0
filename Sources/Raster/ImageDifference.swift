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
    /// Mean per-pixel difference over all pixels.
    public let meanAbsoluteDifference: Double
    /// Pixels whose difference is strictly greater than `tolerance`.
    public let pixelsAboveTolerance: Int
    /// `pixelsAboveTolerance / (width * height)`, 0 for an empty image.
    public let fractionAboveTolerance: Double
    /// Peak signal-to-noise ratio in dB over all channel samples; `.infinity` when identical.
    /// Encoded as JSON `null` when infinite (and `null`/missing decodes back to `.infinity`).
    public let psnr: Double

    /// True when no pixel exceeds the tolerance.
    public var isWithinTolerance: Bool { pixelsAboveTolerance == 0 }

    public init(width: Int, height: Int, tolerance: Int, maxAbsoluteDifference: Int,
                meanAbsoluteDifference: Double, pixelsAboveTolerance: Int,
                fractionAboveTolerance: Double, psnr: Double) {
        self.width = width
        self.height = height
        self.tolerance = tolerance
        self.maxAbsoluteDifference = maxAbsoluteDifference
        self.meanAbsoluteDifference = meanAbsoluteDifference
        self.pixelsAboveTolerance = pixelsAboveTolerance
        self.fractionAboveTolerance = fractionAboveTolerance
        self.psnr = psnr
    }

    private enum CodingKeys: String, CodingKey {
        case width, height, tolerance, maxAbsoluteDifference, meanAbsoluteDifference
        case pixelsAboveTolerance, fractionAboveTolerance, psnr
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
    }
}
