/// Bounds applied before decoders allocate, so a forged header cannot demand gigabytes.
enum DecodeLimits {
    /// Largest accepted pixel count (16384 × 16384).
    static let maxPixels = 1 << 28
}
