/// A 2-D image in memory: row-major, top row first, tightly packed.
///
/// gray8 and rgba8 pixels live in `samples8` (1 or 4 bytes per pixel); gray16 pixels live
/// in `samples16`. The array not used by the format is empty.
public struct Frame: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let format: PixelFormat
    /// gray8/rgba8 samples (`width * height * format.channels`); empty for gray16.
    public internal(set) var samples8: [UInt8]
    /// gray16 samples (`width * height`); empty for gray8/rgba8.
    public internal(set) var samples16: [UInt16]

    /// A zero-filled frame (transparent black for rgba8).
    /// Negative sizes, or sizes whose sample count overflows `Int`, give an empty 0×0 frame.
    public init(width: Int, height: Int, format: PixelFormat) {
        let count = Frame.sampleCount(width: max(0, width), height: max(0, height), format: format)
        self.width = count == nil ? 0 : max(0, width)
        self.height = count == nil ? 0 : max(0, height)
        self.format = format
        samples8 = format == .gray16 ? [] : [UInt8](repeating: 0, count: count ?? 0)
        samples16 = format == .gray16 ? [UInt16](repeating: 0, count: count ?? 0) : []
    }

    /// A gray8 frame over `gray8` (one byte per pixel).
    public init(width: Int, height: Int, gray8: [UInt8]) throws(RasterError) {
        try Frame.check(width: width, height: height, format: .gray8, count: gray8.count)
        self.init(unchecked: width, height, .gray8, samples8: gray8, samples16: [])
    }

    /// An rgba8 frame over `rgba8` (four bytes per pixel: r, g, b, a).
    public init(width: Int, height: Int, rgba8: [UInt8]) throws(RasterError) {
        try Frame.check(width: width, height: height, format: .rgba8, count: rgba8.count)
        self.init(unchecked: width, height, .rgba8, samples8: rgba8, samples16: [])
    }

    /// A gray16 frame over `gray16` (one native-endian UInt16 per pixel).
    public init(width: Int, height: Int, gray16: [UInt16]) throws(RasterError) {
        try Frame.check(width: width, height: height, format: .gray16, count: gray16.count)
        self.init(unchecked: width, height, .gray16, samples8: [], samples16: gray16)
    }

    init(unchecked width: Int, _ height: Int, _ format: PixelFormat, samples8: [UInt8], samples16: [UInt16]) {
        self.width = width
        self.height = height
        self.format = format
        self.samples8 = samples8
        self.samples16 = samples16
    }

    /// Number of pixels (`width * height`).
    public var pixelCount: Int { width * height }

    /// The pixel at (x, y), or nil when outside the frame.
    public func pixel(x: Int, y: Int) -> Pixel? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let index = y * width + x
        switch format {
        case .gray8:
            return Pixel(gray: UInt16(samples8[index]))
        case .gray16:
            return Pixel(gray: samples16[index], maxValue: 65535)
        case .rgba8:
            let i = index * 4
            return Pixel(r: UInt16(samples8[i]), g: UInt16(samples8[i + 1]),
                         b: UInt16(samples8[i + 2]), a: UInt16(samples8[i + 3]))
        }
    }

    /// Samples needed for a frame, or nil when the size overflows.
    static func sampleCount(width: Int, height: Int, format: PixelFormat) -> Int? {
        let (pixels, o1) = width.multipliedReportingOverflow(by: height)
        let (samples, o2) = pixels.multipliedReportingOverflow(by: format.channels)
        return o1 || o2 ? nil : samples
    }

    private static func check(width: Int, height: Int, format: PixelFormat, count: Int) throws(RasterError) {
        let expected = width >= 0 && height >= 0 ? sampleCount(width: width, height: height, format: format) : nil
        guard let expected, expected == count else {
            throw .pixelCountMismatch(format: format, width: width, height: height,
                                      expected: expected ?? -1, actual: count)
        }
    }
}
