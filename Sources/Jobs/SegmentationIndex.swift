import DICOM
import Foundation
import Loading
import Segmentation

/// The DICOM segmentations (SEG, RTSTRUCT) under a folder, by the Series Instance UID of the images each one
/// references (`LabelVolume.referencedSeries`), for `thumbnails --seg-from`. Files are read metadata-only; files
/// that are not DICOM, or DICOM objects of other kinds, are passed over.
struct SegmentationIndex: Sendable {
    /// Per referenced series, the segmentation files in path order.
    private(set) var files: [String: [URL]] = [:]

    init() {}

    /// Scans `folder` recursively (following symbolic links).
    init(scanning folder: String) throws(JobError) {
        let listing: FileListing
        do { listing = try FileListing(under: [URL(fileURLWithPath: folder)]) } catch { throw .badInput(error.description) }
        for path in listing.paths.sorted() {
            let url = URL(fileURLWithPath: path)
            guard let file = try? DICOMFile.read(contentsOf: url, mode: .metadataOnly) else { continue }
            for series in Set(LabelVolume.referencedSeries(of: file.dataSet)) { files[series, default: []].append(url) }
        }
    }

    /// The segmentations of a series.
    subscript(series: String) -> [URL] { files[series] ?? [] }

    var isEmpty: Bool { files.isEmpty }
}
