import Foundation

/// The bytes of a DICOM input held somewhere other than one contiguous buffer or a file, e.g. the pieces a
/// multipart response arrived in: a file parsed from its header alone (`DICOMFile.parseHeader(of:name:limits:)`)
/// reads its pixel bytes from here on demand, straight into the caller's memory where it can.
public protocol PixelBytesSource: Sendable {
    /// Bytes of the input.
    var count: Int { get }
    /// Copies the `buffer.count` bytes at `offset` into `buffer`; throws when the input does not hold them.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DICOMError)
}

extension DICOMFile {
    /// Parses the header of `source` (metadata only: parsing stops at the pixel data and records where it is) and
    /// keeps `source` for the pixels: a frame is then read straight into its destination (`decodeFrame(_:into:)`)
    /// without a copy of the whole input. The header is copied out in growing prefixes (8 KB first), as a file's is.
    public static func parseHeader(of source: any PixelBytesSource, name: String,
                                   limits: DICOMReadLimits = .default) throws(DICOMError) -> DICOMFile {
        let size = source.count
        let file = try parsePrefixes(name: name, mode: .metadataOnly, limits: limits, size: size, first: headerChunk) {
            (wanted) throws(DICOMError) in
            let prefix = SharedBytes(capacity: wanted)
            try source.read(into: UnsafeMutableRawBufferPointer(start: prefix.base, count: wanted), at: 0)
            prefix.count = wanted
            return (prefix, size)
        } parse: { (parser, prefix, size) throws(DICOMError) in
            try parser.parse(prefix, size: size, url: nil, file: nil)
        }
        return file.reading(pixelsFrom: source)
    }

    /// Parses growing prefixes of an input until its header fits: `read(n)` gives the first `n` bytes and the
    /// input's size as it now is; a header longer than the prefix asks for more (growing fast: longer headers are
    /// rare, and encapsulated pixel data, whose fragment headers a metadata-only parse walks, needs most of it).
    static func parsePrefixes(
        name: String, mode: ReadMode, limits: DICOMReadLimits, size: Int, first: Int,
        read: (Int) throws(DICOMError) -> (SharedBytes, Int),
        parse: (inout FileParser, SharedBytes, Int) throws(DICOMError) -> DICOMFile
    ) throws(DICOMError) -> DICOMFile {
        var parser = FileParser(name: name, mode: mode, limits: limits)
        var wanted = min(size, first)
        while true {
            let (buffer, size) = try read(wanted)
            do {
                return try parse(&parser, buffer, size)
            } catch {
                guard let needed = parser.bytesNeeded, buffer.count < size else { throw error }
                wanted = min(size, max(needed + headerChunk, wanted * 8))
            }
        }
    }

    /// Reads `buffer.count` stored bytes at `offset` of the input this header was parsed from: its pixel source,
    /// else its file (a file that changed since is `fileChanged`).
    func readStored(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DICOMError) {
        guard offset >= 0 else { throw .pixelDataNotLoaded(name: name) }
        if let pixelSource {
            guard offset <= pixelSource.count - buffer.count else { throw .pixelDataNotLoaded(name: name) }
            return try pixelSource.read(into: buffer, at: offset)
        }
        guard let url else { throw .pixelDataNotLoaded(name: name) }
        try FileReader(url).readExactly(into: buffer, at: offset)
    }

    /// `length` stored bytes at `offset` (see `readStored(into:at:)`), in a new `Data`.
    func readStoredData(at offset: Int, length: Int) throws(DICOMError) -> Data {
        guard length >= 0 else { throw .pixelDataNotLoaded(name: name) }
        let buffer = SharedBytes(capacity: length)
        try readStored(into: UnsafeMutableRawBufferPointer(start: buffer.base, count: length), at: offset)
        buffer.count = length
        return buffer.sharedData(0..<length)
    }

    /// Whether the pixels of this header are read from its input on demand (a file or a pixel source).
    var readsStoredPixels: Bool { source == nil && (url != nil || pixelSource != nil) }
}
