import DICOM

/// DICOM objects without images, as archives hold them next to image series: a DICOMDIR and a text report.
extension SyntheticArchive {
    /// A DICOMDIR-like file: Media Storage Directory SOP class and a Directory Record Sequence with one IMAGE
    /// record per referenced file (file ids as DICOMDIR paths, components separated by "\").
    public static func directory(referencing fileIDs: [[String]]) -> DataSet {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, "1.2.840.10008.1.3.10")
        ds.set(.sopInstanceUID, .UI, "\(PhantomWriter.UID.root).8.1")
        ds.set(Tag(0x0004, 0x1130), .CS, "SYNTHETIC")  // File-set ID
        let records = fileIDs.map { components -> DataSet in
            var record = DataSet()
            record.set(Tag(0x0004, 0x1430), .CS, "IMAGE")  // Directory Record Type
            record.set(Tag(0x0004, 0x1500), .CS, components)  // Referenced File ID
            return record
        }
        ds.set(.directoryRecordSequence, items: records)
        return ds
    }

    /// A Basic Text SR of series `series` in the study `study`: a report with one text item and no pixel data.
    public static func textReport(series: String, study: String) -> DataSet {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.88.11")
        ds.set(.sopInstanceUID, .UI, series + ".1")
        ds.set(.studyInstanceUID, .UI, study)
        ds.set(.seriesInstanceUID, .UI, series)
        ds.set(.modality, .CS, "SR")
        ds.set(.patientID, .LO, "SYNTHETIC")
        ds.set(Tag(0x0040, 0xA040), .CS, "CONTAINER")  // Value Type
        var text = DataSet()
        text.set(Tag(0x0040, 0xA040), .CS, "TEXT")
        text.set(Tag(0x0040, 0xA160), .UT, "No findings.")  // Text Value
        ds.set(Tag(0x0040, 0xA730), items: [text])  // Content Sequence
        return ds
    }
}
