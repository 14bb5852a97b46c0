/// What a volume texture has uploaded since it was allocated; tests use it to prove uploads are incremental.
public struct TextureStatistics: Sendable, Equatable {
    /// Voxel bytes sent with glTexSubImage3D (the allocation's first upload included).
    public var bytesUploaded: Int = 0
    /// glTexSubImage3D calls for voxels; consecutive changed slices share one call.
    public var uploadCalls: Int = 0
    /// Bytes of the empty-space-skipping brick texture sent (built only once a ray-cast MIP needs it).
    public var brickBytesUploaded: Int = 0
    /// Bytes of the volume texture's storage (an atlas of blocks holds shared layers and unused tiles too).
    public var textureBytes: Int = 0
    /// 1 when the texture holds the volume's voxels; n > 1 when the volume was over the texture-memory budget and the
    /// texture holds its slices at 1/n of their resolution in each in-plane direction (`reducedFidelity`).
    public var reductionFactor: Int = 1

    /// True when frames of the volume are drawn from a reduced-resolution copy (see `reductionFactor`).
    public var reducedFidelity: Bool { reductionFactor > 1 }

    public init() {}
}
