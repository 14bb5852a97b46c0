import Foundation

/// Errors of the Volume layer, each with the numbers a person needs to act.
public enum VolumeError: Error, Sendable, CustomStringConvertible {
    /// The volume would need more bytes than the configured limit. Fix: raise the limit or pick a smaller series.
    case tooLarge(requestedBytes: Int, limitBytes: Int)
    /// The system refused the allocation.
    case allocationFailed(bytes: Int)
    /// A slice index outside the volume.
    case sliceOutOfRange(index: Int, count: Int)
    /// Decoded pixels do not have the size the volume expects for that slice.
    case sliceSizeMismatch(image: String, expected: Int, actual: Int)
    /// The images do not form a volume.
    case notAVolume(SeriesAssemblyError)
    /// An image lacks what its place in space needs (position, orientation, spacing, size).
    case missingGeometry(image: String, reason: String)
    /// An image has no position or orientation at all (a secondary capture, a dose screen): it is no slice
    /// of a volume, and series leave it out.
    case noPlaceInSpace(image: String, missing: String)
    /// An image cannot join the others in one volume (voxel type or rescale differ).
    case incompatibleImages(image: String, detail: String)
    /// A stack index beyond the series' stacks.
    case noSuchStack(requested: Int, count: Int)
    /// A volume index beyond the stack's volumes.
    case noSuchVolume(requested: Int, count: Int, stack: Int)

    public var description: String {
        func mib(_ b: Int) -> String { String(format: "%.1f MiB", Double(b) / 1_048_576) }
        switch self {
        case .tooLarge(let requested, let limit):
            return "volume needs \(mib(requested)) but the limit is \(mib(limit)); raise the limit or choose a smaller series"
        case .allocationFailed(let bytes):
            return "could not allocate \(mib(bytes)) for the volume"
        case .sliceOutOfRange(let index, let count):
            return "slice \(index) is outside the volume's \(count) slices"
        case .sliceSizeMismatch(let image, let expected, let actual):
            return "\(image): decoded \(actual) values but the volume slice holds \(expected)"
        case .notAVolume(let error):
            return error.description
        case .missingGeometry(let image, let reason):
            return "\(image): cannot place the image in space: \(reason)"
        case .noPlaceInSpace(let image, let missing):
            return "\(image): the image has no \(missing), so it is not a slice of a volume"
        case .incompatibleImages(let image, let detail):
            return "\(image): \(detail)"
        case .noSuchStack(let requested, let count):
            return "stack \(requested) does not exist: the series has \(count) stack(s), 0…\(count - 1) (see lightbox info)"
        case .noSuchVolume(let requested, let count, let stack):
            return "volume \(requested) does not exist: stack \(stack) holds \(count) volume(s), 0…\(count - 1) (see lightbox info)"
        }
    }
}
