import Foundation

/// One reason a set of images does not form a regular volume; each names the images involved.
public enum SeriesProblem: Sendable, Equatable, CustomStringConvertible {
    /// No images were given.
    case empty
    /// Images of more than one SeriesInstanceUID were given to one volume.
    case mixedSeries(uids: [String])
    /// FrameOfReferenceUID differs from the first image's.
    case mixedFrameOfReference(expected: String, found: String, images: [String])
    /// ImageOrientationPatient differs from the first image's beyond 1e-3.
    case mixedOrientation(images: [String])
    /// Rows × columns differ from the first image's.
    case mixedDimensions(expected: String, found: String, images: [String])
    /// PixelSpacing differs from the first image's beyond 0.1%.
    case mixedPixelSpacing(expected: String, found: String, images: [String])
    /// ImageOrientationPatient is not two orthogonal unit vectors.
    case invalidOrientation(image: String, detail: String)
    /// PixelSpacing or position is missing, zero, negative or not finite.
    case invalidSpacing(image: String, detail: String)
    /// The same SOP Instance UID (and frame) appears in more than one file.
    case duplicateInstance(uid: String, images: [String])
    /// Two or more images sit at the same position along the slice normal.
    case duplicatePosition(position: Double, images: [String])
    /// Something irregular that is rendered by default, refused because strict assembly was asked for.
    case irregular(SeriesIrregularity)

    public var description: String {
        func list(_ names: [String]) -> String {
            names.count <= 6 ? names.joined(separator: ", ")
                : names.prefix(6).joined(separator: ", ") + " and \(names.count - 6) more"
        }
        func mm(_ v: Double) -> String { String(format: "%.3f mm", v) }
        switch self {
        case .empty:
            return "no images to assemble"
        case .mixedSeries(let uids):
            return "images belong to \(uids.count) series (\(list(uids))); give one series per volume"
        case .mixedFrameOfReference(let expected, let found, let images):
            return "frame of reference \(found) differs from \(expected) in \(list(images))"
        case .mixedOrientation(let images):
            return "image orientation differs from the first image in \(list(images))"
        case .mixedDimensions(let expected, let found, let images):
            return "image size \(found) differs from \(expected) in \(list(images))"
        case .mixedPixelSpacing(let expected, let found, let images):
            return "pixel spacing \(found) differs from \(expected) in \(list(images))"
        case .invalidOrientation(let image, let detail):
            return "\(image): image orientation is not usable: \(detail)"
        case .invalidSpacing(let image, let detail):
            return "\(image): \(detail)"
        case .duplicateInstance(let uid, let images):
            return "SOP instance \(uid) appears \(images.count) times: \(list(images)); remove the copies"
        case .duplicatePosition(let position, let images):
            return "\(images.count) images share the position \(mm(position)) along the slice normal: \(list(images))"
        case .irregular(let irregularity):
            return "\(irregularity) (refused in strict mode)"
        }
    }
}

/// A set of images that cannot be assembled into a volume, with every problem found.
public struct SeriesAssemblyError: Error, Sendable, CustomStringConvertible {
    public var problems: [SeriesProblem]
    public init(problems: [SeriesProblem]) { self.problems = problems }
    public var description: String {
        "not a volume: " + problems.map(\.description).joined(separator: "; ")
    }
}
