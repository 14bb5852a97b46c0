import Foundation

/// A parsed DICOM file: file meta information, the data set, its transfer syntax and where its pixels are.
public struct DICOMFile: Sendable {
    /// File meta information (group 0002); empty for files without a meta group.
    public let meta: DataSet
    /// The data set (everything after the meta group).
    public let dataSet: DataSet
    /// The transfer syntax of the data set (from (0002,0010), or guessed for files without meta information).
    public let transferSyntax: TransferSyntax
    /// The file this was read from, if any.
    public let url: URL?
    /// The name used in error messages (file name, or the name given to `parse`).
    public let name: String
    /// How the file was read.
    public let mode: ReadMode
    /// True when the file starts with the 128-byte preamble and "DICM".
    public let hasPreamble: Bool
    /// Byte range of native pixel data in the file (or in the parsed bytes); nil for encapsulated or deflated data.
    public let pixelDataLocation: (offset: Int, length: Int)?
    /// The limits the file was read with (also bounding what decoding it may allocate).
    public let limits: DICOMReadLimits
    /// The source bytes kept after a metadata-only `parse`, so pixels can be fetched later without a URL.
    let source: Data?
    /// Where the pixels of a header parsed by `parseHeader(of:name:limits:)` are read from.
    let pixelSource: (any PixelBytesSource)?
    /// Where codestreams start among the fragments, once found (see `encapsulatedFrame(_:)`).
    let fragmentStarts = FragmentStartsCache()
    /// The pixel layout validated once, when the file was parsed: each decode asks for it, several times a frame.
    let pixelLayout: Result<PixelDescription, DICOMError>

    /// Reads a file with `pread`. In `.metadataOnly` mode only a prefix is read (`headerChunk` bytes, more when the
    /// header is longer) and parsing stops at pixel data, whose bytes are never read; pixel offsets and lengths
    /// are checked against the real file size. In `.full` mode the whole file is read in one go and large values
    /// (the pixel data) share that one buffer instead of being copied out of it.
    public static func read(contentsOf url: URL, mode: ReadMode = .full,
                            limits: DICOMReadLimits = .default) throws(DICOMError) -> DICOMFile {
        let file = try FileReader(url)
        return try parsePrefixes(name: url.lastPathComponent, mode: mode, limits: limits, size: file.size,
                                 first: mode == .full ? file.size : headerChunk) { (wanted) throws(DICOMError) in
            let buffer = try file.readPrefix(wanted)
            // A file that shrank since it was opened parses as what is there (its size is what was read).
            return (buffer, buffer.count < wanted ? buffer.count : file.size)
        } parse: { (parser, buffer, size) throws(DICOMError) in
            try parser.parse(buffer, size: size, url: url, file: file)
        }
    }

    /// Bytes read first by a metadata-only read; most headers (preamble, meta group, data set up to pixel
    /// data) are 1-4 KB, enhanced multi-frame headers can be far longer and take another read.
    static let headerChunk = 8 * 1024

    /// Parses bytes already in memory; `name` appears in error messages.
    public static func parse(_ data: Data, mode: ReadMode = .full, limits: DICOMReadLimits = .default,
                             name: String = "<data>") throws(DICOMError) -> DICOMFile {
        try FileParser(name: name, mode: mode, limits: limits).parse(data, url: nil, keepSource: mode == .metadataOnly)
    }

    init(meta: DataSet, dataSet: DataSet, transferSyntax: TransferSyntax, url: URL?, name: String, mode: ReadMode,
         hasPreamble: Bool, pixelDataLocation: (offset: Int, length: Int)?, source: Data?,
         limits: DICOMReadLimits = .default, pixelSource: (any PixelBytesSource)? = nil,
         pixelLayout: Result<PixelDescription, DICOMError>? = nil) {
        self.meta = meta
        self.dataSet = dataSet
        self.transferSyntax = transferSyntax
        self.url = url
        self.name = name
        self.mode = mode
        self.hasPreamble = hasPreamble
        self.pixelDataLocation = pixelDataLocation
        self.source = source
        self.limits = limits
        self.pixelSource = pixelSource
        self.pixelLayout = pixelLayout ?? Result { () throws(DICOMError) in try PixelDescription(dataSet: dataSet) }
    }

    /// This header reading its pixels from `pixelSource` (its pixel layout, validated already, kept).
    func reading(pixelsFrom pixelSource: any PixelBytesSource) -> DICOMFile {
        DICOMFile(meta: meta, dataSet: dataSet, transferSyntax: transferSyntax, url: url, name: name, mode: mode,
                  hasPreamble: hasPreamble, pixelDataLocation: pixelDataLocation, source: source, limits: limits,
                  pixelSource: pixelSource, pixelLayout: pixelLayout)
    }

    /// The encapsulated pixel data (offset table and fragments), when the pixel data is encapsulated.
    public var encapsulatedPixelData: EncapsulatedPixelData? {
        guard case .encapsulated(let pixels)? = dataSet[.pixelData]?.value else { return nil }
        return pixels
    }
}
