import CPNG
import Foundation

/// PNG encoding and decoding through libpng's simplified (setjmp-free) API; common 8-bit files decode through
/// `PNGDirectDecoder` (libdeflate) instead, to the same pixels.
///
/// gray8 ↔ 8-bit gray, gray16 ↔ 16-bit gray (big-endian in the file, written with gAMA 1.0 so
/// libpng reads the samples back unchanged), rgba8 ↔ 8-bit RGBA. On decode, any colour, palette or
/// alpha file becomes rgba8, 16-bit gray becomes gray16, other gray becomes gray8.
public enum PNGCodec {
    /// The frame as a complete PNG stream.
    public static func encode(_ frame: Frame) throws(RasterError) -> Data {
        guard frame.width > 0, frame.height > 0,
              frame.width <= Int(Int32.max), frame.height <= Int(Int32.max) else {
            throw .encodingFailed(format: "PNG", detail: "cannot encode a \(frame.width)×\(frame.height) frame")
        }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(frame.width)
        image.height = UInt32(frame.height)
        image.format = switch frame.format {
        case .gray8: UInt32(PNG_FORMAT_GRAY)
        case .gray16: UInt32(PNG_FORMAT_LINEAR_Y)
        case .rgba8: UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        }
        let rawBytes = frame.pixelCount * frame.format.channels * (frame.format == .gray16 ? 2 : 1)
        var capacity = rawBytes + frame.height + rawBytes / 64 + 1024
        for _ in 0..<2 {
            var output = Data(count: capacity)
            var size = capacity
            let ok = output.withUnsafeMutableBytes { out in
                frame.format == .gray16
                    ? frame.samples16.withUnsafeBytes { png_image_write_to_memory(&image, out.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
                    : frame.samples8.withUnsafeBytes { png_image_write_to_memory(&image, out.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
            }
            if ok != 0 {
                output.count = size
                return output
            }
            guard size > capacity else { break }
            capacity = size
        }
        throw .encodingFailed(format: "PNG", detail: message(of: image))
    }

    /// Decodes a PNG stream; `name` (usually the file path) is used in error messages.
    public static func decode(_ data: Data, name: String) throws(RasterError) -> Frame {
        try PNGChunks.validate(data, name: name)
        return try data.withUnsafeBytes { bytes in
            PNGDirectDecoder.decode(bytes).map { .success($0) } ?? decodeWithLibpng(bytes, name: name)
        }.get()
    }

    /// Reads and decodes a PNG file.
    public static func read(contentsOf url: URL) throws(RasterError) -> Frame {
        try decode(FileIO.read(url), name: url.relativePath)
    }

    /// Encodes and writes atomically (temporary file in the same folder, then rename),
    /// creating the parent folder if needed.
    public static func write(_ frame: Frame, to url: URL) throws(RasterError) {
        try FileIO.writeAtomically(encode(frame), to: url)
    }

    /// libpng's decoding of a validated stream: every file the direct decoder does not take, and the reference it is tested against.
    package static func decodeWithLibpng(_ bytes: UnsafeRawBufferPointer, name: String) -> Result<Frame, RasterError> {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else {
            return .failure(.corrupt(name: name, detail: message(of: image)))
        }
        defer { png_image_free(&image) }
        let width = Int(image.width), height = Int(image.height)
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= DecodeLimits.maxPixels else {
            return .failure(.tooLarge(name: name, width: width, height: height))
        }
        let isLinear = image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0
        let target: PixelFormat
        if image.format & UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA) != 0 {
            target = .rgba8
            image.format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
            // A 16-bit colour file without gAMA/sRGB: scale to 8 bits rather than gamma-encode.
            if isLinear { image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB) }
        } else if isLinear {
            target = .gray16
            image.format = UInt32(PNG_FORMAT_LINEAR_Y)
        } else {
            target = .gray8
            image.format = UInt32(PNG_FORMAT_GRAY)
        }
        var frame = Frame(width: width, height: height, format: target)
        let ok = target == .gray16
            ? frame.samples16.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
            : frame.samples8.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard ok != 0 else {
            return .failure(.corrupt(name: name, detail: message(of: image)))
        }
        return .success(frame)
    }

    private static func message(of image: png_image) -> String {
        withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
