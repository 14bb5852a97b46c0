import DICOM

/// The attributes of the Segmentation and RT Structure Set IODs this target reads (PS3.3 C.8.20, C.8.8.5–6).
extension Tag {
    static let segmentationType = Tag(0x0062, 0x0001)
    static let segmentSequence = Tag(0x0062, 0x0002)
    static let segmentNumber = Tag(0x0062, 0x0004)
    static let segmentLabel = Tag(0x0062, 0x0005)
    static let segmentIdentificationSequence = Tag(0x0062, 0x000A)
    static let referencedSegmentNumber = Tag(0x0062, 0x000B)
    static let recommendedDisplayCIELabValue = Tag(0x0062, 0x000D)
    static let maximumFractionalValue = Tag(0x0062, 0x000E)
    static let referencedSeriesSequence = Tag(0x0008, 0x1115)
    static let referencedFrameOfReferenceSequence = Tag(0x3006, 0x0010)
    static let rtReferencedStudySequence = Tag(0x3006, 0x0012)
    static let rtReferencedSeriesSequence = Tag(0x3006, 0x0014)
    static let structureSetROISequence = Tag(0x3006, 0x0020)
    static let roiNumber = Tag(0x3006, 0x0022)
    static let referencedFrameOfReferenceUID = Tag(0x3006, 0x0024)
    static let roiName = Tag(0x3006, 0x0026)
    static let roiDisplayColor = Tag(0x3006, 0x002A)
    static let roiContourSequence = Tag(0x3006, 0x0039)
    static let contourSequence = Tag(0x3006, 0x0040)
    static let contourGeometricType = Tag(0x3006, 0x0042)
    static let contourData = Tag(0x3006, 0x0050)
    static let referencedROINumber = Tag(0x3006, 0x0084)
}

/// SOP classes told apart when a `--seg` file is opened.
enum SegmentationSOPClass {
    static let segmentation = "1.2.840.10008.5.1.4.1.1.66.4"
    static let labelMapSegmentation = "1.2.840.10008.5.1.4.1.1.66.7"
    static let rtStructureSet = "1.2.840.10008.5.1.4.1.1.481.3"
}
