import Foundation

/// Reads and writes PNG or JPEG files, choosing the codec by the file's signature (reading) or extension (writing).
public enum ImageFile {
    /// The image formats Lightbox writes.
    public enum Format: String, Sendable, CaseIterable {
        case png, jpeg
        public var fileExtension: String { self == .png ? "png" : "jpg" }
    }

    /// True for a path whose extension is png, jpg or jpeg.
    public static func isImage(_ url: URL) -> Bool {
        ["png", "jpg", "jpeg"].contains(url.pathExtension.lowercased())
    }

    /// Decodes a PNG or JPEG file, recognised by its first bytes.
    public static func read(contentsOf url: URL) throws(RasterError) -> Frame {
        let data = try FileIO.read(url)
        if data.starts(with: [0xFF, 0xD8]) { return try JPEGCodec.decode(data, name: url.path) }
        return try PNGCodec.decode(data, name: url.path)
    }

    /// Writes a frame atomically as PNG or JPEG (quality 1…100, JPEG only).
    public static func write(_ frame: Frame, to url: URL, format: Format, quality: Int = 90) throws(RasterError) {
        switch format {
        case .png: try PNGCodec.write(frame, to: url)
        case .jpeg: try JPEGCodec.write(frame, to: url, quality: quality)
        }
    }
}
