import DICOM
import Foundation
import Volume

extension LabelVolume {
    /// Reads a `--seg` file: a NIfTI label map (`.nii`, `.nii.gz`), a DICOM SEG, or an RTSTRUCT (rasterized on
    /// `imageGrid`, which it needs). A DICOM segmentation in another frame of reference than `imageFrameOfReference` is refused.
    public static func read(_ url: URL, imageGrid: VolumeGeometry?, imageFrameOfReference: String?) throws(SegmentationError) -> LabelVolume {
        let lower = url.lastPathComponent.lowercased()
        if lower.hasSuffix(".nii") || lower.hasSuffix(".nii.gz") { return try nifti(url) }
        let file: DICOMFile
        do { file = try DICOMFile.read(contentsOf: url) } catch { throw .unreadable(file: url.lastPathComponent, reason: error.description) }
        let labels: LabelVolume
        if file.dataSet.string(.sopClassUID) == SegmentationSOPClass.rtStructureSet {
            guard let imageGrid else {
                throw .invalid(file: file.name, reason: "an RT Structure Set is rasterized on an image's grid: give the image series too")
            }
            labels = try rtstruct(file, grid: imageGrid)
        } else {
            labels = try seg(file)
        }
        try labels.checkFrameOfReference(imageFrameOfReference)
        return labels
    }
}
