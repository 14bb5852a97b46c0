/// What one volume texture may be: the largest extent along any axis and the most bytes it may hold.
///
/// `maxSize` is GL_MAX_3D_TEXTURE_SIZE (2048 on llvmpipe). `maxBytes` is the texture-memory budget of one
/// volume: by default 2 GiB, the largest 3D texture Mesa 22.3's llvmpipe allocates (measured: a 2048×1024×512
/// R16 texture, 2 GiB, allocates and samples; 2048×1024×600 raises GL_OUT_OF_MEMORY). Volumes larger than
/// `maxSize` along an axis are laid out as an atlas of blocks (`TextureAtlas`); smaller limits exist to
/// exercise that layout on small volumes.
public struct TextureLimits: Sendable, Equatable {
    public var maxSize: Int
    public var maxBytes: Int

    public init(maxSize: Int, maxBytes: Int = TextureLimits.llvmpipeMaxBytes) {
        self.maxSize = maxSize
        self.maxBytes = maxBytes
    }

    /// 2 GiB: see the type's comment.
    public static let llvmpipeMaxBytes = 1 << 31
}
