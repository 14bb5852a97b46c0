/// The VRs that Implicit VR data sets imply for the tags Lightbox uses (a small table, not the whole standard).
/// Unknown tags read as UN bytes; group lengths are UL and private creators LO.
enum ImplicitVRDictionary {
    /// The VR for a tag in an implicit VR data set.
    static func vr(for tag: Tag) -> VR {
        if tag.isGroupLength { return .UL }
        if tag.isPrivate, (0x0010...0x00FF).contains(tag.element) { return .LO }
        return table[tag] ?? .UN
    }

    private static let table: [Tag: VR] = {
        let entries: [(Tag, VR)] = [
            (.specificCharacterSet, .CS), (.imageType, .CS), (.sopClassUID, .UI), (.sopInstanceUID, .UI),
            (.studyDate, .DA), (.seriesDate, .DA), (.acquisitionDate, .DA), (Tag(0x0008, 0x0023), .DA),
            (Tag(0x0008, 0x0012), .DA), (Tag(0x0008, 0x0013), .TM), (.studyTime, .TM), (.seriesTime, .TM),
            (.acquisitionTime, .TM), (Tag(0x0008, 0x0033), .TM), (Tag(0x0008, 0x0050), .SH), (.modality, .CS),
            (.manufacturer, .LO), (Tag(0x0008, 0x0080), .LO), (Tag(0x0008, 0x0090), .PN), (.studyDescription, .LO),
            (.seriesDescription, .LO), (Tag(0x0008, 0x1090), .LO),
            (.patientName, .PN), (.patientID, .LO), (Tag(0x0010, 0x0030), .DA), (Tag(0x0010, 0x0040), .CS),
            (Tag(0x0010, 0x1010), .AS), (Tag(0x0010, 0x1020), .DS), (.patientWeight, .DS),
            (Tag(0x0018, 0x0015), .CS), (.sliceThickness, .DS), (Tag(0x0018, 0x0060), .DS),
            (.spacingBetweenSlices, .DS), (Tag(0x0018, 0x1030), .LO), (.radiopharmaceuticalStartTime, .TM),
            (.radionuclideTotalDose, .DS), (.radionuclideHalfLife, .DS), (.radiopharmaceuticalStartDateTime, .DT),
            (.patientPosition, .CS),
            (.studyInstanceUID, .UI), (.seriesInstanceUID, .UI), (Tag(0x0020, 0x0010), .SH), (.seriesNumber, .IS),
            (.acquisitionNumber, .IS), (.instanceNumber, .IS), (.imagePositionPatient, .DS),
            (.imageOrientationPatient, .DS), (.frameOfReferenceUID, .UI), (.gridFrameOffsetVector, .DS), (Tag(0x0020, 0x1041), .DS),
            (.planePositionSequence, .SQ), (.planeOrientationSequence, .SQ),
            (.samplesPerPixel, .US), (.photometricInterpretation, .CS), (.planarConfiguration, .US),
            (.numberOfFrames, .IS), (.rows, .US), (.columns, .US), (.pixelSpacing, .DS), (.correctedImage, .CS),
            (.bitsAllocated, .US), (.bitsStored, .US), (.highBit, .US), (.pixelRepresentation, .US),
            (.windowCenter, .DS), (.windowWidth, .DS), (.rescaleIntercept, .DS), (.rescaleSlope, .DS),
            (.rescaleType, .LO), (.pixelMeasuresSequence, .SQ), (.frameVOILUTSequence, .SQ), (.pixelValueTransformationSequence, .SQ),
            (.radiopharmaceuticalInformationSequence, .SQ), (.units, .CS), (.decayCorrection, .CS),
            (Tag(0x0054, 0x1321), .DS), (.frameReferenceTime, .DS),
            (.sharedFunctionalGroupsSequence, .SQ), (.perFrameFunctionalGroupsSequence, .SQ),
            (.echoTime, .DS), (.echoNumbers, .IS), (.triggerTime, .DS), (.temporalPositionIdentifier, .IS),
            (.frameContentSequence, .SQ), (.stackID, .SH), (.inStackPositionNumber, .UL), (.temporalPositionIndex, .UL),
            (.nominalCardiacTriggerDelayTime, .FD), (.frameAcquisitionNumber, .US), (.cardiacSynchronizationSequence, .SQ),
            (.mrEchoSequence, .SQ), (.effectiveEchoTime, .FD), (.mrDiffusionSequence, .SQ), (.diffusionBValue, .FD),
            (.diffusionGradientDirectionSequence, .SQ), (.diffusionGradientOrientation, .FD), (.frameType, .CS),
            (.mrImageFrameTypeSequence, .SQ), (.ctImageFrameTypeSequence, .SQ), (.petFrameTypeSequence, .SQ),
            (.extendedOffsetTable, .OV), (.extendedOffsetTableLengths, .OV), (.floatPixelData, .OF),
            (.doubleFloatPixelData, .OD), (.pixelData, .OW),
        ]
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }()
}
