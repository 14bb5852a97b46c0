import Volume

/// The pixels of one slice as a loader fetched them, ready to be written into a volume slice.
public protocol PixelPayload: Sendable {
    /// Writes the slice into `destination` (exactly one slice of `voxelType` voxels), converting
    /// stored values: stored 16-bit volumes get the stored values, Float32 volumes get
    /// `stored × rescale.slope + rescale.intercept` with the slice's own rescale.
    func write(into destination: UnsafeMutableRawBufferPointer, as voxelType: VoxelType) throws
}

/// Loads image metadata and pixels for one id scheme (`file:`, `dicomweb:` …).
public protocol ImageLoader: Sendable {
    /// The scheme this loader serves, without the colon.
    var scheme: String { get }
    /// The metadata of every frame of the image `imageID` (one entry per frame), without reading pixels.
    func loadMetadata(imageID: String) async throws -> [SliceMetadata]
    /// Fetches the pixels of one slice (frame) described by `slice`.
    func loadPixels(of slice: SliceMetadata) async throws -> any PixelPayload
}

/// A loader that fetches many slices in few requests (a DICOMweb series retrieve) and hands each slice over as soon
/// as its bytes are complete, in the order they arrive. `StreamingImageVolume` uses it when its loader has it.
public protocol BatchImageLoader: ImageLoader {
    /// Fetches the pixels of `slices` (most wanted first) and calls `deliver` once for each, with its position in
    /// `slices` and its payload or the error that ended it for good; returns when every slice was delivered, or
    /// when cancelled (slices not delivered then are not failures). The first `leading` slices are the most
    /// urgent (asked for first, one by one if that brings them sooner); `concurrency` bounds the requests one by
    /// one it makes at once.
    func loadPixels(
        of slices: [SliceMetadata], leading: Int, concurrency: Int,
        deliver: @escaping @Sendable (Int, Result<any PixelPayload, any Error>) async -> Void
    ) async
}

/// Errors of the Loading layer.
public enum LoadingError: Error, Sendable, CustomStringConvertible {
    /// An id named a scheme no loader is registered for.
    case unknownScheme(id: String, scheme: String, registered: [String])
    /// An id has no `scheme:` prefix.
    case missingScheme(id: String)
    /// A slice failed for good.
    case sliceFailed(imageID: String, reason: String)

    public var description: String {
        switch self {
        case .unknownScheme(let id, let scheme, let registered):
            return "\(id): no loader for scheme '\(scheme):' (registered: \(registered.map { $0 + ":" }.joined(separator: ", ")))"
        case .missingScheme(let id):
            return "\(id): an id needs a scheme prefix such as 'file:' or 'dicomweb:'"
        case .sliceFailed(let imageID, let reason):
            return "\(imageID): \(reason)"
        }
    }
}
