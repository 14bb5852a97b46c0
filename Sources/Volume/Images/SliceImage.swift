/// A 2D image (one slice) with its pixels in a volume voxel type, its rescale and its place in space.
///
/// Produced from a loaded volume without fetching again (`ImageVolume.image(at:)`), and turned
/// back into a volume by `ImageVolume(images:)` when a set of them forms a regular grid.
public struct SliceImage: Sendable {
    public var metadata: SliceMetadata
    public var voxelType: VoxelType
    /// The rescale that maps these pixels to output values (identity for Float32 pixels, already rescaled).
    public var rescale: Rescale
    /// Row-major pixel bytes, `rows × columns × voxelType.byteCount` long.
    public var bytes: [UInt8]

    public init(metadata: SliceMetadata, voxelType: VoxelType, rescale: Rescale, bytes: [UInt8]) {
        self.metadata = metadata
        self.voxelType = voxelType
        self.rescale = rescale
        self.bytes = bytes
    }

    public var imageID: String { metadata.imageID }
    public var byteCount: Int { bytes.count }
}
