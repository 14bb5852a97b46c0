import Foundation

/// Serialises a DataSet as a DICOM Part 10 file; the output is byte-identical for identical input.
public struct DICOMWriter: Sendable {
    /// How sequences and items are delimited.
    public enum SequenceLength: Sendable {
        /// Explicit byte lengths on sequences and items.
        case defined
        /// Undefined lengths closed by delimitation items.
        case undefined
    }

    /// Implementation Class UID (0002,0012) written to every file.
    public static let implementationClassUID = "2.25.117011543279238912350447105962231873245"
    /// Implementation Version Name (0002,0013) written to every file.
    public static let implementationVersionName = "LIGHTBOX_1"

    /// The transfer syntax of the data set (Explicit VR Little Endian by default). Implicit VR LE, Explicit VR BE
    /// and Deflated are supported too; encapsulated syntaxes require the pixel data to be set as fragments.
    public var transferSyntax: TransferSyntax
    /// How sequences and items are delimited.
    public var sequenceLength: SequenceLength

    /// Creates a writer.
    public init(transferSyntax: TransferSyntax = .explicitVRLittleEndian, sequenceLength: SequenceLength = .defined) {
        self.transferSyntax = transferSyntax
        self.sequenceLength = sequenceLength
    }

    /// The Part 10 bytes: preamble, "DICM", file meta group, then the data set (group 0002 elements in it are not
    /// written to the data set). SOP Class UID (0008,0016) and SOP Instance UID (0008,0018) must be set; a data set
    /// without them, such as a DICOMDIR's, may give Media Storage SOP Class/Instance UID (0002,0002)/(0002,0003) instead.
    public func encode(_ dataSet: DataSet) throws(DICOMError) -> Data {
        var output = Data(count: 128)
        output.append(contentsOf: Array("DICM".utf8))
        output.append(try metaGroup(for: dataSet))

        var body = DataSet()
        for element in dataSet.elements where element.tag.group != 0x0002 { body.insert(element) }
        let encoder = DataSetEncoder(explicitVR: transferSyntax.isExplicitVR, bigEndian: transferSyntax.isBigEndian,
                                     sequenceLength: sequenceLength)
        var encoded = Data()
        try encoder.encode(body, into: &encoded)
        output.append(transferSyntax.isDeflated ? try Zlib.deflateRaw(encoded) : encoded)
        return output
    }

    /// Encodes the data set and writes it atomically to `url`.
    public func write(_ dataSet: DataSet, to url: URL) throws(DICOMError) {
        let data = try encode(dataSet)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
    }

    /// The UID in `tag`, or in the meta `fallback` tag when the data set has no `tag` (a missing `tag` is the error).
    private func mediaStorageUID(_ dataSet: DataSet, _ tag: Tag, or fallback: Tag) throws(DICOMError) -> String {
        if !dataSet.contains(tag), let uid = dataSet.string(fallback) { return uid }
        return try dataSet.requireString(tag)
    }

    private func metaGroup(for dataSet: DataSet) throws(DICOMError) -> Data {
        var meta = DataSet()
        meta.set(.fileMetaInformationVersion, .OB, bytes: Data([0x00, 0x01]))
        meta.set(.mediaStorageSOPClassUID, .UI, try mediaStorageUID(dataSet, .sopClassUID, or: .mediaStorageSOPClassUID))
        meta.set(.mediaStorageSOPInstanceUID, .UI, try mediaStorageUID(dataSet, .sopInstanceUID, or: .mediaStorageSOPInstanceUID))
        meta.set(.transferSyntaxUID, .UI, transferSyntax.uid)
        meta.set(.implementationClassUID, .UI, DICOMWriter.implementationClassUID)
        meta.set(.implementationVersionName, .SH, DICOMWriter.implementationVersionName)
        let encoder = DataSetEncoder(explicitVR: true, bigEndian: false, sequenceLength: .defined)
        var body = Data()
        try encoder.encode(meta, into: &body)
        var group = DataSet()
        group.set(.fileMetaInformationGroupLength, .UL, UInt32(body.count))
        var output = Data()
        try encoder.encode(group, into: &output)
        output.append(body)
        return output
    }
}
