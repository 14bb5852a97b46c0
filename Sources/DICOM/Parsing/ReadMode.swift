/// How much of a file to read.
public enum ReadMode: Sendable {
    /// Read every element up to pixel data, record where the pixel bytes are and stop: pixel bytes are never touched.
    case metadataOnly
    /// Read everything, pixel data included.
    case full
}
