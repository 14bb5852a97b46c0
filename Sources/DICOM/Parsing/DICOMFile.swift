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

    /// Reads a file, memory-mapped. In `.metadataOnly` mode parsing stops at pixel data, whose bytes are never touched.
    public static func read(contentsOf url: URL, mode: ReadMode = .full,
                            limits: DICOMReadLimits = .default) throws(DICOMError) -> DICOMFile {
        let data = try mapFile(url)
        return try FileParser(name: url.lastPathComponent, mode: mode, limits: limits).parse(data, url: url, keepSource: false)
    }

    /// Parses bytes already in memory; `name` appears in error messages.
    public static func parse(_ data: Data, mode: ReadMode = .full, limits: DICOMReadLimits = .default,
                             name: String = "<data>") throws(DICOMError) -> DICOMFile {
        try FileParser(name: name, mode: mode, limits: limits).parse(data, url: nil, keepSource: mode == .metadataOnly)
    }

    init(meta: DataSet, dataSet: DataSet, transferSyntax: TransferSyntax, url: URL?, name: String, mode: ReadMode,
         hasPreamble: Bool, pixelDataLocation: (offset: Int, length: Int)?, source: Data?,
         limits: DICOMReadLimits = .default) {
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
    }

    /// The encapsulated pixel data (offset table and fragments), when the pixel data is encapsulated.
    public var encapsulatedPixelData: EncapsulatedPixelData? {
        guard case .encapsulated(let pixels)? = dataSet[.pixelData]?.value else { return nil }
        return pixels
    }

    /// Maps a file into memory (pages are read only when touched).
    static func mapFile(_ url: URL) throws(DICOMError) -> Data {
        do {
            return try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw .fileUnreadable(path: url.path, reason: error.localizedDescription)
        }
    }
}
