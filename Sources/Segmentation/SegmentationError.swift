/// Every error reading a segmentation throws; each message names the file and what is wrong.
public enum SegmentationError: Error, CustomStringConvertible, Sendable {
    /// The file is not a DICOM Segmentation, RT Structure Set or NIfTI label map.
    case notASegmentation(file: String, reason: String)
    /// A required attribute is missing or has an impossible value.
    case invalid(file: String, reason: String)
    /// The pixel data holds fewer bytes than Number of Frames × Rows × Columns need. Cause: a cut-off file.
    case truncated(file: String, reason: String)
    /// The per-frame functional groups do not describe the frames the pixel data holds (a count that lies,
    /// a frame without a position or a segment number, a segment number no segment has).
    case frameMapping(file: String, reason: String)
    /// The segmentation lies in another frame of reference than the image it is drawn on.
    case frameOfReferenceMismatch(file: String, segmentation: String, image: String)
    /// `--segments` named a segment the file does not hold.
    case unknownSegment(file: String, requested: String, available: [String])
    /// The file could not be read as DICOM or NIfTI at all.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .notASegmentation(let file, let reason): return "\(file): not a segmentation (\(reason))"
        case .invalid(let file, let reason): return "\(file): invalid segmentation: \(reason)"
        case .truncated(let file, let reason): return "\(file): truncated segmentation: \(reason)"
        case .frameMapping(let file, let reason): return "\(file): the frames cannot be placed: \(reason)"
        case .frameOfReferenceMismatch(let file, let segmentation, let image):
            return "\(file): its Frame of Reference UID \(segmentation) differs from the image's \(image); it cannot be placed on that image"
        case .unknownSegment(let file, let requested, let available):
            return "\(file): no segment '\(requested)' (it has: \(available.joined(separator: ", ")))"
        case .unreadable(let file, let reason): return "\(file): \(reason)"
        }
    }
}
