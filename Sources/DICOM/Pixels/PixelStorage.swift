/// Decoded sample values in their stored type (no rescale, no colour conversion), frames back to back.
public enum PixelStorage: Sendable {
    case uint8([UInt8]), int8([Int8]), uint16([UInt16]), int16([Int16])
    case uint32([UInt32]), int32([Int32]), float32([Float]), float64([Double])

    /// The number of samples.
    public var count: Int {
        switch self {
        case .uint8(let v): return v.count
        case .int8(let v): return v.count
        case .uint16(let v): return v.count
        case .int16(let v): return v.count
        case .uint32(let v): return v.count
        case .int32(let v): return v.count
        case .float32(let v): return v.count
        case .float64(let v): return v.count
        }
    }

    /// Sample `index` as a Double (for tests and statistics, not for bulk work).
    public func value(at index: Int) -> Double {
        switch self {
        case .uint8(let v): return Double(v[index])
        case .int8(let v): return Double(v[index])
        case .uint16(let v): return Double(v[index])
        case .int16(let v): return Double(v[index])
        case .uint32(let v): return Double(v[index])
        case .int32(let v): return Double(v[index])
        case .float32(let v): return Double(v[index])
        case .float64(let v): return v[index]
        }
    }
}

/// Decoded pixels of one or more frames with the description they were decoded from.
public struct DecodedPixels: Sendable {
    /// The validated pixel layout.
    public let description: PixelDescription
    /// The samples, interleaved per pixel, frames back to back.
    public let storage: PixelStorage
    /// The number of frames in `storage`.
    public let frames: Int
}
