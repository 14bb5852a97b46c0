/// Named tags used by Lightbox (a small subset of the DICOM data dictionary).
extension Tag {
    // File meta information (group 0002).
    public static let fileMetaInformationGroupLength = Tag(0x0002, 0x0000)
    public static let fileMetaInformationVersion = Tag(0x0002, 0x0001)
    public static let mediaStorageSOPClassUID = Tag(0x0002, 0x0002)
    public static let mediaStorageSOPInstanceUID = Tag(0x0002, 0x0003)
    public static let transferSyntaxUID = Tag(0x0002, 0x0010)
    public static let implementationClassUID = Tag(0x0002, 0x0012)
    public static let implementationVersionName = Tag(0x0002, 0x0013)

    // Media storage directory (DICOMDIR).
    public static let directoryRecordSequence = Tag(0x0004, 0x1220)

    // SOP common, study, series, patient.
    public static let specificCharacterSet = Tag(0x0008, 0x0005)
    public static let imageType = Tag(0x0008, 0x0008)
    public static let sopClassUID = Tag(0x0008, 0x0016)
    public static let sopInstanceUID = Tag(0x0008, 0x0018)
    public static let studyDate = Tag(0x0008, 0x0020)
    public static let seriesDate = Tag(0x0008, 0x0021)
    public static let acquisitionDate = Tag(0x0008, 0x0022)
    public static let studyTime = Tag(0x0008, 0x0030)
    public static let seriesTime = Tag(0x0008, 0x0031)
    public static let acquisitionTime = Tag(0x0008, 0x0032)
    public static let modality = Tag(0x0008, 0x0060)
    public static let manufacturer = Tag(0x0008, 0x0070)
    public static let studyDescription = Tag(0x0008, 0x1030)
    public static let seriesDescription = Tag(0x0008, 0x103E)
    public static let patientName = Tag(0x0010, 0x0010)
    public static let patientID = Tag(0x0010, 0x0020)
    public static let patientWeight = Tag(0x0010, 0x1030)

    // Acquisition and PET.
    public static let sliceThickness = Tag(0x0018, 0x0050)
    public static let spacingBetweenSlices = Tag(0x0018, 0x0088)
    public static let radiopharmaceuticalStartTime = Tag(0x0018, 0x1072)
    public static let radionuclideTotalDose = Tag(0x0018, 0x1074)
    public static let radionuclideHalfLife = Tag(0x0018, 0x1075)
    public static let radiopharmaceuticalStartDateTime = Tag(0x0018, 0x1078)
    public static let patientPosition = Tag(0x0018, 0x5100)
    public static let echoTime = Tag(0x0018, 0x0081)
    public static let echoNumbers = Tag(0x0018, 0x0086)
    public static let triggerTime = Tag(0x0018, 0x1060)
    public static let frameReferenceTime = Tag(0x0054, 0x1300)
    public static let radiopharmaceuticalInformationSequence = Tag(0x0054, 0x0016)
    public static let units = Tag(0x0054, 0x1001)
    public static let decayCorrection = Tag(0x0054, 0x1102)

    // Image plane and identification.
    public static let studyInstanceUID = Tag(0x0020, 0x000D)
    public static let seriesInstanceUID = Tag(0x0020, 0x000E)
    public static let seriesNumber = Tag(0x0020, 0x0011)
    public static let acquisitionNumber = Tag(0x0020, 0x0012)
    public static let instanceNumber = Tag(0x0020, 0x0013)
    public static let temporalPositionIdentifier = Tag(0x0020, 0x0100)
    public static let imagePositionPatient = Tag(0x0020, 0x0032)
    public static let imageOrientationPatient = Tag(0x0020, 0x0037)
    public static let frameOfReferenceUID = Tag(0x0020, 0x0052)
    public static let gridFrameOffsetVector = Tag(0x3004, 0x000C)
    public static let planePositionSequence = Tag(0x0020, 0x9113)
    public static let planeOrientationSequence = Tag(0x0020, 0x9116)

    // Image pixel module.
    public static let samplesPerPixel = Tag(0x0028, 0x0002)
    public static let photometricInterpretation = Tag(0x0028, 0x0004)
    public static let planarConfiguration = Tag(0x0028, 0x0006)
    public static let numberOfFrames = Tag(0x0028, 0x0008)
    public static let rows = Tag(0x0028, 0x0010)
    public static let columns = Tag(0x0028, 0x0011)
    public static let pixelSpacing = Tag(0x0028, 0x0030)
    public static let correctedImage = Tag(0x0028, 0x0051)
    public static let bitsAllocated = Tag(0x0028, 0x0100)
    public static let bitsStored = Tag(0x0028, 0x0101)
    public static let smallestImagePixelValue = Tag(0x0028, 0x0106)
    public static let largestImagePixelValue = Tag(0x0028, 0x0107)
    public static let highBit = Tag(0x0028, 0x0102)
    public static let pixelRepresentation = Tag(0x0028, 0x0103)
    public static let windowCenter = Tag(0x0028, 0x1050)
    public static let windowWidth = Tag(0x0028, 0x1051)
    public static let rescaleIntercept = Tag(0x0028, 0x1052)
    public static let rescaleSlope = Tag(0x0028, 0x1053)
    public static let rescaleType = Tag(0x0028, 0x1054)
    public static let pixelMeasuresSequence = Tag(0x0028, 0x9110)
    public static let frameVOILUTSequence = Tag(0x0028, 0x9132)
    public static let pixelValueTransformationSequence = Tag(0x0028, 0x9145)

    // Enhanced multi-frame functional groups.
    public static let sharedFunctionalGroupsSequence = Tag(0x5200, 0x9229)
    public static let perFrameFunctionalGroupsSequence = Tag(0x5200, 0x9230)
    public static let frameContentSequence = Tag(0x0020, 0x9111)
    public static let stackID = Tag(0x0020, 0x9056)
    public static let inStackPositionNumber = Tag(0x0020, 0x9057)
    public static let temporalPositionIndex = Tag(0x0020, 0x9128)
    public static let nominalCardiacTriggerDelayTime = Tag(0x0020, 0x9153)
    public static let frameAcquisitionNumber = Tag(0x0020, 0x9156)
    public static let cardiacSynchronizationSequence = Tag(0x0018, 0x9118)
    public static let mrEchoSequence = Tag(0x0018, 0x9114)
    public static let effectiveEchoTime = Tag(0x0018, 0x9082)
    public static let mrDiffusionSequence = Tag(0x0018, 0x9117)
    public static let diffusionBValue = Tag(0x0018, 0x9087)
    public static let diffusionGradientDirectionSequence = Tag(0x0018, 0x9076)
    public static let diffusionGradientOrientation = Tag(0x0018, 0x9089)
    public static let frameType = Tag(0x0008, 0x9007)
    public static let mrImageFrameTypeSequence = Tag(0x0018, 0x9226)
    public static let ctImageFrameTypeSequence = Tag(0x0018, 0x9329)
    public static let petFrameTypeSequence = Tag(0x0018, 0x9751)

    // Pixel data.
    public static let extendedOffsetTable = Tag(0x7FE0, 0x0001)
    public static let extendedOffsetTableLengths = Tag(0x7FE0, 0x0002)
    public static let floatPixelData = Tag(0x7FE0, 0x0008)
    public static let doubleFloatPixelData = Tag(0x7FE0, 0x0009)
    public static let pixelData = Tag(0x7FE0, 0x0010)

    // Item and delimiters (always encoded with implicit VR).
    public static let item = Tag(0xFFFE, 0xE000)
    public static let itemDelimitationItem = Tag(0xFFFE, 0xE00D)
    public static let sequenceDelimitationItem = Tag(0xFFFE, 0xE0DD)

    /// True for the three pixel data tags: (7FE0,0008), (7FE0,0009) and (7FE0,0010).
    public var isPixelData: Bool {
        self == .pixelData || self == .floatPixelData || self == .doubleFloatPixelData
    }
}
