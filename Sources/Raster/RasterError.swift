/// Every failure the Raster layer reports; messages name the file and what is wrong.
public enum RasterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The data does not start with the 8-byte PNG signature.
    case notPNG(name: String)
    /// The data ends before the image is complete.
    case truncated(name: String, detail: String)
    /// The codec library rejected the data (bad CRC, bad Huffman table, ...).
    case corrupt(name: String, detail: String)
    /// The image declares more pixels than the decoder accepts.
    case tooLarge(name: String, width: Int, height: Int)
    /// Encoding failed inside libpng or libjpeg.
    case encodingFailed(format: String, detail: String)
    /// The file could not be read.
    case readFailed(path: String, reason: String)
    /// The file (or its folder, or the temporary file beside it) could not be written.
    case writeFailed(path: String, reason: String)
    /// Two frames that must have the same dimensions do not.
    case sizeMismatch(expectedWidth: Int, expectedHeight: Int, actualWidth: Int, actualHeight: Int)
    /// An ignore mask whose size is not the size of the images it is used with.
    case maskSizeMismatch(name: String, maskWidth: Int, maskHeight: Int, width: Int, height: Int)
    /// A pixel buffer's length does not match width × height × channels.
    case pixelCountMismatch(format: PixelFormat, width: Int, height: Int, expected: Int, actual: Int)

    public var description: String {
        switch self {
        case .notPNG(let name):
            return "\(name): not a PNG (bad signature)"
        case .truncated(let name, let detail):
            return "\(name): truncated (\(detail))"
        case .corrupt(let name, let detail):
            return "\(name): corrupt (\(detail))"
        case .tooLarge(let name, let width, let height):
            return "\(name): image too large (\(width)×\(height))"
        case .encodingFailed(let format, let detail):
            return "\(format) encoding failed: \(detail)"
        case .readFailed(let path, let reason):
            return "\(path): cannot read (\(reason))"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write (\(reason))"
        case .sizeMismatch(let ew, let eh, let aw, let ah):
            return "size mismatch: expected \(ew)×\(eh), actual \(aw)×\(ah)"
        case .maskSizeMismatch(let name, let mw, let mh, let w, let h):
            return "\(name): the mask is \(mw)×\(mh), the images are \(w)×\(h); make a mask of the images' size"
        case .pixelCountMismatch(let format, let width, let height, let expected, let actual):
            return "\(format) frame \(width)×\(height) needs \(expected) samples, got \(actual)"
        }
    }
}
