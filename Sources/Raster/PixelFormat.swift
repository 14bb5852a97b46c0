/// The pixel layouts a `Frame` can hold.
public enum PixelFormat: String, Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// One 8-bit gray sample per pixel.
    case gray8
    /// One 16-bit gray sample per pixel (native endianness in memory).
    case gray16
    /// Four 8-bit samples per pixel: red, green, blue, alpha (straight, not premultiplied).
    case rgba8

    /// Samples per pixel.
    public var channels: Int { self == .rgba8 ? 4 : 1 }

    /// Largest sample value (255 or 65535).
    public var maxValue: Int { self == .gray16 ? 65535 : 255 }

    public var description: String { rawValue }
}
