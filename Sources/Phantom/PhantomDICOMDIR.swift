import DICOM
import Foundation

/// The DICOMDIR of the `dicomdir` case: a Basic Directory (Media Storage SOP Class 1.2.840.10008.1.3.10) with
/// one PATIENT, STUDY and SERIES record and an IMAGE record per file, linked by the byte offsets a reader follows
/// (each offset counts from the first byte of the file, preamble included). No pixel data.
enum PhantomDICOMDIR {
    /// The DICOMDIR bytes for `series`, whose image paths are relative to the DICOMDIR's folder.
    static func encode(_ series: PhantomCaseSeries, study: PhantomStudy) throws(DICOMError) -> Data {
        var records = [patientRecord(), studyRecord(study), seriesRecord(series)]
        records += series.images.map(imageRecord)
        let writer = DICOMWriter()
        // Offsets are fixed-size UL values, so a first encoding with zeros has the final layout. The record
        // sequence is the last element, so its items end the file.
        let draft = try writer.encode(directory(records, firstRecord: 0))
        let sizes = records.map(itemSize)
        var offsets: [Int] = []
        var next = draft.count - sizes.reduce(0, +)
        for size in sizes {
            offsets.append(next)
            next += size
        }
        let imageCount = series.images.count
        for level in 0..<3 { records[level].set(PhantomTag.lowerLevelRecordOffset, .UL, offsets[level + 1]) }
        for n in 0..<imageCount where n + 1 < imageCount { records[3 + n].set(PhantomTag.nextRecordOffset, .UL, offsets[4 + n]) }
        let data = try writer.encode(directory(records, firstRecord: offsets[0]))
        precondition(data.count == draft.count, "DICOMDIR layout changed when its offsets were filled in")
        return data
    }

    /// The top-level data set: file-set identification, root record offsets and the record sequence.
    private static func directory(_ records: [DataSet], firstRecord: Int) -> DataSet {
        var ds = DataSet()
        ds.set(.mediaStorageSOPClassUID, .UI, PhantomCaseUID.mediaStorageDirectoryStorage)
        ds.set(.mediaStorageSOPInstanceUID, .UI, PhantomCaseUID.dicomdirInstance)
        ds.set(PhantomTag.fileSetID, .CS, "LIGHTBOX")
        // One patient: the root entity's first and last record are the same.
        ds.set(PhantomTag.firstRootRecordOffset, .UL, firstRecord)
        ds.set(PhantomTag.lastRootRecordOffset, .UL, firstRecord)
        ds.set(PhantomTag.fileSetConsistencyFlag, .US, 0)
        ds.set(PhantomTag.directoryRecordSequence, items: records)
        return ds
    }

    /// A record with its links zeroed (filled in once the offsets are known) and its type.
    private static func record(_ type: String) -> DataSet {
        var ds = DataSet()
        ds.set(PhantomTag.nextRecordOffset, .UL, 0)
        ds.set(PhantomTag.recordInUseFlag, .US, 0xFFFF)
        ds.set(PhantomTag.lowerLevelRecordOffset, .UL, 0)
        ds.set(PhantomTag.directoryRecordType, .CS, type)
        return ds
    }

    private static func patientRecord() -> DataSet {
        var ds = record("PATIENT")
        ds.set(.patientName, .PN, "Phantom^PETCT")
        ds.set(.patientID, .LO, "LIGHTBOX-PHANTOM")
        return ds
    }

    private static func studyRecord(_ study: PhantomStudy) -> DataSet {
        var ds = record("STUDY")
        ds.set(.studyDate, .DA, study.studyDate)
        ds.set(.studyTime, .TM, "094500")
        ds.set(.studyDescription, .LO, "Phantom cases")
        ds.set(.studyInstanceUID, .UI, PhantomCaseUID.study)
        ds.set(PhantomTag.studyID, .SH, "CASES")
        return ds
    }

    private static func seriesRecord(_ series: PhantomCaseSeries) -> DataSet {
        var ds = record("SERIES")
        ds.set(.modality, .CS, series.modality)
        ds.set(.seriesInstanceUID, .UI, series.seriesInstanceUID)
        ds.set(.seriesNumber, .IS, series.seriesNumber)
        return ds
    }

    private static func imageRecord(_ image: PhantomCaseImage) -> DataSet {
        var ds = record("IMAGE")
        ds.set(.instanceNumber, .IS, image.instanceNumber)
        // File IDs are the path's components (each at most 8 upper-case letters, digits or underscores).
        ds.set(PhantomTag.referencedFileID, .CS, image.path.split(separator: "/").map(String.init))
        ds.set(PhantomTag.referencedSOPClassUIDInFile, .UI, PhantomWriter.UID.ctImageStorage)
        ds.set(PhantomTag.referencedSOPInstanceUIDInFile, .UI, image.sopInstanceUID)
        ds.set(PhantomTag.referencedTransferSyntaxUIDInFile, .UI, TransferSyntax.explicitVRLittleEndian.uid)
        return ds
    }

    /// The bytes of one record as an item in Explicit VR Little Endian with defined lengths: item header,
    /// then each element's header (12 bytes for long-length VRs, else 8) and its value padded to even length.
    private static func itemSize(_ record: DataSet) -> Int {
        8 + record.elements.reduce(0) { total, element in
            guard case .bytes(let value) = element.value else { preconditionFailure("directory records hold plain values only") }
            return total + (element.vr.hasLongLength ? 12 : 8) + (value.count + 1) / 2 * 2
        }
    }
}
