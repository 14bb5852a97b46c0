import Foundation

/// Finds the preamble and meta group, picks the transfer syntax, inflates if needed and parses the data set.
struct FileParser {
    let name: String
    let mode: ReadMode
    let limits: DICOMReadLimits

    func parse(_ data: Data, url: URL?, keepSource: Bool) throws(DICOMError) -> DICOMFile {
        let result: Result<DICOMFile, DICOMError> = data.withUnsafeBytes { raw in
            Result { () throws(DICOMError) -> DICOMFile in
                try parse(raw, url: url, source: keepSource ? data : nil)
            }
        }
        return try result.get()
    }

    private func parse(_ raw: UnsafeRawBufferPointer, url: URL?, source: Data?) throws(DICOMError) -> DICOMFile {
        let (start, hasPreamble) = try locateStart(raw)
        var parser = DataSetParser(bytes: raw, name: name, limits: limits, mode: mode, positionsAreFileOffsets: true)
        var meta = DataSet()
        var bodyStart = start
        if raw.count - start >= 2, raw.loadUnaligned(fromByteOffset: start, as: UInt16.self) == UInt16(0x0002).littleEndian {
            (meta, bodyStart) = try parser.parseDataSet(from: start, to: raw.count, encoding: .explicitLittle, depth: 0,
                                                        inherited: .defaultRepertoire, onlyGroup: 0x0002)
            try validateGroupLength(meta, metaStart: start, metaEnd: bodyStart)
        }
        let syntax = meta.string(.transferSyntaxUID).map { TransferSyntax(uid: $0) }
            ?? guessSyntax(raw, at: bodyStart)
        var encoding = ByteEncoding(explicitVR: syntax.isExplicitVR, bigEndian: syntax.isBigEndian)
        if syntax.isExplicitVR, !syntax.isDeflated, !syntax.isBigEndian, looksImplicit(raw, at: bodyStart) {
            encoding = .implicitLittle
        }
        if syntax.isDeflated {
            let body = try Zlib.inflateRaw(UnsafeRawBufferPointer(rebasing: raw[bodyStart...]),
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
        let (dataSet, _) = try parser.parseDataSet(from: bodyStart, to: raw.count, encoding: encoding, depth: 0,
                                                   inherited: .defaultRepertoire)
        return DICOMFile(meta: meta, dataSet: dataSet, transferSyntax: syntax, url: url, name: name, mode: mode,
                         hasPreamble: hasPreamble, pixelDataLocation: parser.pixelDataLocation, source: source,
                         limits: limits)
    }

    /// Where the meta group (or data set) starts: after "DICM" at 128 (or at 0), or at 0 for files without a
    /// preamble that begin with a plausible (0002,xxxx) or (0008,xxxx) element.
    private func locateStart(_ raw: UnsafeRawBufferPointer) throws(DICOMError) -> (Int, Bool) {
        let magic = Array("DICM".utf8)
        if raw.count >= 132, Array(raw[128..<132]) == magic { return (132, true) }
        if raw.count >= 4, Array(raw[0..<4]) == magic { return (4, false) }
        guard raw.count >= 8 else {
            throw .notDICOM(name: name, reason: "only \(raw.count) bytes, too short for a preamble or a data element")
        }
        let littleGroup = UInt16(littleEndian: raw.loadUnaligned(as: UInt16.self))
        let bigGroup = UInt16(bigEndian: raw.loadUnaligned(as: UInt16.self))
        if littleGroup == 0x0002 || littleGroup == 0x0008 || (bigGroup == 0x0008 && VR(bytes: raw[4], raw[5]) != nil) {
            return (0, false)
        }
        throw .notDICOM(name: name, reason: "no \"DICM\" at offset 128 and the data does not start with a (0002,xxxx) or (0008,xxxx) element")
    }

    /// The syntax of a data set without meta information: explicit when bytes 4-5 are a VR, big-endian when the group reads as 0x0008 that way.
    private func guessSyntax(_ raw: UnsafeRawBufferPointer, at start: Int) -> TransferSyntax {
        guard raw.count - start >= 8 else { return .explicitVRLittleEndian }
        let explicit = VR(bytes: raw[start + 4], raw[start + 5]) != nil
        let bigGroup = UInt16(bigEndian: raw.loadUnaligned(fromByteOffset: start, as: UInt16.self))
        if explicit, bigGroup == 0x0008 { return .explicitVRBigEndian }
        return explicit ? .explicitVRLittleEndian : .implicitVRLittleEndian
    }

    /// True when a data set declared explicit VR LE really starts with an implicit VR LE element (a known writer
    /// bug): the first element's VR bytes are not a VR, yet its 4-byte implicit length fits the remaining bytes.
    private func looksImplicit(_ raw: UnsafeRawBufferPointer, at start: Int) -> Bool {
        guard raw.count - start >= 8, VR(bytes: raw[start + 4], raw[start + 5]) == nil else { return false }
        let length = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + 4, as: UInt32.self))
        return Int(length) <= raw.count - start - 8
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
