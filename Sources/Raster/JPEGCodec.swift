import CRasterShims
import Foundation

/// JPEG encoding and decoding through libjpeg(-turbo), with errors caught in C (see CRasterShims).
///
/// gray8 is written as a one-component (grayscale) JPEG, rgba8 as YCbCr with alpha dropped,
/// gray16 is first rounded to gray8. Grayscale JPEGs decode to gray8, all others to rgba8
/// (alpha 255). Warnings such as "premature end of data" are treated as errors.
public enum JPEGCodec {
    /// The frame as a JPEG stream; `quality` is clamped to 1...100.
    public static func encode(_ frame: Frame, quality: Int) throws(RasterError) -> Data {
        let source = frame.format == .gray16 ? frame.converted(to: .gray8) : frame
        guard source.width > 0, source.height > 0, source.width <= 65500, source.height <= 65500 else {
            throw .encodingFailed(format: "JPEG", detail: "cannot encode a \(frame.width)×\(frame.height) frame (1...65500 per side)")
        }
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        var message = [CChar](repeating: 0, count: Int(RASTER_JPEG_MESSAGE_CAPACITY))
        let ok = source.samples8.withUnsafeBufferPointer { pixels in
            raster_jpeg_encode(pixels.baseAddress, Int32(source.width), Int32(source.height),
                               Int32(source.format.channels), Int32(min(max(quality, 1), 100)),
                               &output, &size, &message)
        }
        guard ok != 0, let output else {
            throw .encodingFailed(format: "JPEG", detail: text(message))
        }
        defer { raster_jpeg_free(output) }
        return Data(bytes: output, count: size)
    }

    /// Decodes a JPEG stream; `name` (usually the file path) is used in error messages.
    public static func decode(_ data: Data, name: String) throws(RasterError) -> Frame {
        var width: Int32 = 0, height: Int32 = 0, components: Int32 = 0
        var output: UnsafeMutablePointer<UInt8>?
        var message = [CChar](repeating: 0, count: Int(RASTER_JPEG_MESSAGE_CAPACITY))
        let ok = data.withUnsafeBytes { bytes in
            raster_jpeg_decode(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count,
                               DecodeLimits.maxPixels, &width, &height, &components, &output, &message)
        }
        guard ok != 0, let output else {
            throw classify(text(message), name: name, width: Int(width), height: Int(height))
        }
        defer { raster_jpeg_free(output) }
        let format: PixelFormat = components == 1 ? .gray8 : .rgba8
        let count = Int(width) * Int(height) * format.channels
        let samples = [UInt8](UnsafeBufferPointer(start: output, count: count))
        return Frame(unchecked: Int(width), Int(height), format, samples8: samples, samples16: [])
    }

    /// Reads and decodes a JPEG file.
    public static func read(contentsOf url: URL) throws(RasterError) -> Frame {
        try decode(FileIO.read(url), name: url.relativePath)
    }

    /// Encodes and writes atomically (temporary file in the same folder, then rename),
    /// creating the parent folder if needed.
    public static func write(_ frame: Frame, to url: URL, quality: Int) throws(RasterError) {
        try FileIO.writeAtomically(encode(frame, quality: quality), to: url)
    }

    /// Maps libjpeg's message to the matching error case.
    private static func classify(_ message: String, name: String, width: Int, height: Int) -> RasterError {
        if message.hasPrefix("image too large") {
            return .tooLarge(name: name, width: width, height: height)
        }
        let truncation = ["Premature end", "empty input", "Empty input"]
        if truncation.contains(where: message.contains) {
            return .truncated(name: name, detail: message)
        }
        return .corrupt(name: name, detail: message)
    }

    private static func text(_ message: [CChar]) -> String {
        String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
