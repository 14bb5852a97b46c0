import DICOM

/// Tags the phantom cases write that the DICOM module does not name (kept here so the
/// DICOM module's dictionary stays the reader's subset).
enum PhantomTag {
    // Image identification and secondary capture.
    static let conversionType = Tag(0x0008, 0x0064)
    static let studyID = Tag(0x0020, 0x0010)

    // CT acquisition.
    static let gantryDetectorTilt = Tag(0x0018, 0x1120)

    // Dynamic (4D) PET.
    static let actualFrameDuration = Tag(0x0018, 0x1242)
    static let numberOfTemporalPositions = Tag(0x0020, 0x0105)
    static let temporalPositionIndex = Tag(0x0020, 0x9128)
    static let numberOfSlices = Tag(0x0054, 0x0081)
    static let numberOfTimeSlices = Tag(0x0054, 0x0101)
    static let seriesType = Tag(0x0054, 0x1000)
    static let frameReferenceTime = Tag(0x0054, 0x1300)
    static let imageIndex = Tag(0x0054, 0x1330)

    // DICOMDIR (basic directory) attributes.
    static let fileSetID = Tag(0x0004, 0x1130)
    static let firstRootRecordOffset = Tag(0x0004, 0x1200)
    static let lastRootRecordOffset = Tag(0x0004, 0x1202)
    static let fileSetConsistencyFlag = Tag(0x0004, 0x1212)
    static let directoryRecordSequence = Tag(0x0004, 0x1220)
    static let nextRecordOffset = Tag(0x0004, 0x1400)
    static let recordInUseFlag = Tag(0x0004, 0x1410)
    static let lowerLevelRecordOffset = Tag(0x0004, 0x1420)
    static let directoryRecordType = Tag(0x0004, 0x1430)
    static let referencedFileID = Tag(0x0004, 0x1500)
    static let referencedSOPClassUIDInFile = Tag(0x0004, 0x1510)
    static let referencedSOPInstanceUIDInFile = Tag(0x0004, 0x1511)
    static let referencedTransferSyntaxUIDInFile = Tag(0x0004, 0x1512)
}
