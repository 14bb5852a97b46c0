import DICOM

extension LabelVolume {
    /// The Series Instance UIDs of the images a DICOM SEG or RTSTRUCT says it segments: the SEG's
    /// ReferencedSeriesSequence, the RTSTRUCT's RTReferencedSeriesSequence (under ReferencedFrameOfReferenceSequence
    /// and RTReferencedStudySequence). Empty for any other object, and for one that names none.
    public static func referencedSeries(of dataSet: DataSet) -> [String] {
        switch dataSet.string(.sopClassUID) {
        case SegmentationSOPClass.segmentation, SegmentationSOPClass.labelMapSegmentation:
            return (dataSet.sequence(.referencedSeriesSequence) ?? []).compactMap { $0.string(.seriesInstanceUID) }
        case SegmentationSOPClass.rtStructureSet:
            let studies = (dataSet.sequence(.referencedFrameOfReferenceSequence) ?? []).flatMap { $0.sequence(.rtReferencedStudySequence) ?? [] }
            return studies.flatMap { $0.sequence(.rtReferencedSeriesSequence) ?? [] }.compactMap { $0.string(.seriesInstanceUID) }
        default:
            return []
        }
    }
}
