import Foundation

/// Finds the preamble and meta group, picks the transfer syntax, inflates if needed and parses the data set.
///
/// The bytes given may be only a prefix of the input (`size` is the real size): when the parse needs bytes past
/// the prefix it stops with `bytesNeeded` set, and the caller reads more and parses again (see `DataSetParser`).
struct FileParser {
    let name: String
    let mode: ReadMode
    let limits: DICOMReadLimits
    /// Set when the last parse stopped for want of bytes beyond the prefix: how many from the start are needed.
    private(set) var bytesNeeded: Int?

    init(name: String, mode: ReadMode, limits: DICOMReadLimits) {
        self.name = name
        self.mode = mode
        self.limits = limits
    }

    /// Parses `buffer` (the first `buffer.count` bytes of an input of `size` bytes at `url`). In a full read large
    /// values (the pixel data) share the buffer's bytes; a metadata-only read copies every value, so the buffer
    /// is freed after the parse and a cached header holds only its own values.
    /// Item headers of encapsulated pixel data beyond the buffer are read from `file` in a metadata-only read.
    mutating func parse(_ buffer: SharedBytes, size: Int, url: URL?, file: FileReader?) throws(DICOMError) -> DICOMFile {
        bytesNeeded = nil
        return try parse(buffer.bytes, size: size, url: url, source: nil, owner: mode == .full ? buffer : nil,
                         file: mode == .metadataOnly ? file : nil)
    }

    func parse(_ data: Data, url: URL?, keepSource: Bool) throws(DICOMError) -> DICOMFile {
        let result: Result<DICOMFile, DICOMError> = data.withUnsafeBytes { raw in
            Result { () throws(DICOMError) -> DICOMFile in
                var parser = self
                return try parser.parse(raw, size: raw.count, url: url, source: keepSource ? data : nil, owner: nil,
                                        file: nil)
            }
        }
        return try result.get()
    }

    private mutating func parse(_ raw: UnsafeRawBufferPointer, size: Int, url: URL?, source: Data?,
                                owner: SharedBytes?, file: FileReader?) throws(DICOMError) -> DICOMFile {
        // Everything before the data set parser looks at most at the first 140 bytes or at bytes the meta group
        // parse has loaded; `prefixHolds` asks for more when a prefix is shorter than that.
        let (start, hasPreamble) = try locateStart(raw, size: size)
        var parser = DataSetParser(bytes: raw, name: name, limits: limits, mode: mode, positionsAreFileOffsets: true,
                                   sharedBuffer: owner, file: file)
        defer { if bytesNeeded == nil { bytesNeeded = parser.bytesNeeded } }
        var meta = DataSet()
        var bodyStart = start
        try prefixHolds(start + 2, size: size, loaded: raw.count)
        if size - start >= 2, raw.loadUnaligned(fromByteOffset: start, as: UInt16.self) == UInt16(0x0002).littleEndian {
            (meta, bodyStart) = try parser.parseDataSet(from: start, to: size, encoding: .explicitLittle, depth: 0,
                                                        inherited: .defaultRepertoire, onlyGroup: 0x0002)
            try validateGroupLength(meta, metaStart: start, metaEnd: bodyStart)
        }
        try prefixHolds(bodyStart + 8, size: size, loaded: raw.count)
        let syntax = meta.string(.transferSyntaxUID).map { TransferSyntax(uid: $0) }
            ?? guessSyntax(raw, at: bodyStart, size: size)
        var encoding = ByteEncoding(explicitVR: syntax.isExplicitVR, bigEndian: syntax.isBigEndian)
        if syntax.isExplicitVR, !syntax.isDeflated, !syntax.isBigEndian, looksImplicit(raw, at: bodyStart, size: size) {
            encoding = .implicitLittle
        }
        if syntax.isDeflated {
            try prefixHolds(size, size: size, loaded: raw.count)
            let body = try Zlib.inflateRaw(UnsafeRawBufferPointer(rebasing: raw[bodyStart..<size]),
                                           limit: limits.maxInflatedBytes, name: name)
            let result: Result<DataSet, DICOMError> = body.withUnsafeBytes { inflated in
                Result { () throws(DICOMError) -> DataSet in
                    var bodyParser = DataSetParser(bytes: inflated, name: "\(name) (inflated data set)", limits: limits,
                                                   mode: mode, positionsAreFileOffsets: false)
                    return try bodyParser.parseDataSet(from: 0, to: inflated.count, encoding: encoding, depth: 0,
                                                       inherited: .defaultRepertoire).0
                }
            }
            return DICOMFile(meta: meta, dataSet: try result.get(), transferSyntax: syntax, url: url, name: name,
                             mode: mode, hasPreamble: hasPreamble, pixelDataLocation: nil, source: nil, limits: limits)
        }
        let (dataSet, _) = try parser.parseDataSet(from: bodyStart, to: size, encoding: encoding, depth: 0,
                                                   inherited: .defaultRepertoire)
        return DICOMFile(meta: meta, dataSet: dataSet, transferSyntax: syntax, url: url, name: name, mode: mode,
                         hasPreamble: hasPreamble, pixelDataLocation: parser.pixelDataLocation, source: source,
                         limits: limits)
    }

    /// Where the meta group (or data set) starts: after "DICM" at 128 (or at 0), or at 0 for files without a
    /// preamble that begin with a plausible (0002,xxxx) or (0008,xxxx) element.
    private mutating func locateStart(_ raw: UnsafeRawBufferPointer, size: Int) throws(DICOMError) -> (Int, Bool) {
        try prefixHolds(min(size, 132), size: size, loaded: raw.count)
        if size >= 132, raw[128] == 0x44, raw[129] == 0x49, raw[130] == 0x43, raw[131] == 0x4D { return (132, true) }
        if size >= 4, raw[0] == 0x44, raw[1] == 0x49, raw[2] == 0x43, raw[3] == 0x4D { return (4, false) }
        guard size >= 8 else {
            throw .notDICOM(name: name, reason: "only \(size) bytes, too short for a preamble or a data element")
        }
        let littleGroup = UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self))
        let bigGroup = UInt16(bigEndian: raw.loadUnaligned(as: UInt16.self))
        if littleGroup == 0x0002 || littleGroup == 0x0008 || (bigGroup == 0x0008 && VR(bytes: raw[4], raw[5]) != nil) {
            return (0, false)
        }
        throw .notDICOM(name: name, reason: "no \"DICM\" at offset 128 and the data does not start with a (0002,xxxx) or (0008,xxxx) element")
    }

    /// The syntax of a data set without meta information: explicit when bytes 4-5 are a VR, big-endian when the group reads as 0x0008 that way.
    private func guessSyntax(_ raw: UnsafeRawBufferPointer, at start: Int, size: Int) -> TransferSyntax {
        guard size - start >= 8 else { return .explicitVRLittleEndian }
        let explicit = VR(bytes: raw[start + 4], raw[start + 5]) != nil
        let bigGroup = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt16.self))
        if explicit, bigGroup == 0x0008 { return .explicitVRBigEndian }
        return explicit ? .explicitVRLittleEndian : .implicitVRLittleEndian
    }

    /// True when a data set declared explicit VR LE really starts with an implicit VR LE element (a known writer
    /// bug): the first element's VR bytes are not a VR, yet its 4-byte implicit length fits the remaining bytes.
    private func looksImplicit(_ raw: UnsafeRawBufferPointer, at start: Int, size: Int) -> Bool {
        guard size - start >= 8, VR(bytes: raw[start + 4], raw[start + 5]) == nil else { return false }
        let length = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self))
        return Int(length) <= size - start - 8
    }

    /// Stops the parse (asking for more bytes) when the loaded prefix is shorter than `needed` bytes of the input.
    private mutating func prefixHolds(_ needed: Int, size: Int, loaded: Int) throws(DICOMError) {
        let wanted = min(needed, size)
        guard wanted > loaded else { return }
        bytesNeeded = wanted
        throw .truncated(name: name, offset: loaded, needed: wanted - loaded, remaining: 0,
                         context: "bytes beyond the part of the file read so far")
    }

    /// The group length is only a hint (the group is parsed element by element), but when present it must be right.
    private func validateGroupLength(_ meta: DataSet, metaStart: Int, metaEnd: Int) throws(DICOMError) {
        guard let declared = meta.int(.fileMetaInformationGroupLength),
              meta.elements.first?.tag == .fileMetaInformationGroupLength else { return }
        let groupLengthElementSize = 12
        let actual = metaEnd - metaStart - groupLengthElementSize
        guard declared == actual else {
            throw .metaGroupLengthMismatch(name: name, declared: declared, actual: actual)
        }
    }
}
