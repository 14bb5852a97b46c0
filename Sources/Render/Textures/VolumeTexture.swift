import CGL
import Volume

/// One volume's immutable 3D texture, kept current slice by slice; GL thread only.
///
/// Allocated once with glTexStorage3D at the volume's size and type. The first sync uploads the
/// whole buffer (unloaded slices are zeros there); later syncs upload only the slices the volume
/// reports changed since the last sync, one glTexSubImage3D per run of consecutive slices.
/// Volumes larger than GL_MAX_3D_TEXTURE_SIZE are refused: bricking across textures is not done.
final class VolumeTexture {
    let id: GLuint
    let format: TextureFormat
    /// Where samples of this volume are taken; for an irregular stack, `stackTable` holds its slices' places.
    let space: SamplingSpace
    let stackTable: StackTableTexture?
    private(set) weak var volume: ImageVolume?
    private(set) var statistics = TextureStatistics()
    /// The volume generation the texture reflects; nil before the first upload.
    private var syncedGeneration: UInt64?
    /// Built on first use by a ray-cast MIP, then kept current with the texture.
    private(set) var bricks: BrickMaxTexture?

    init(volume: ImageVolume, maxSize: Int) throws(RenderError) {
        let d = volume.geometry.dimensions
        guard d.x <= maxSize, d.y <= maxSize, d.z <= maxSize else {
            throw .textureTooLarge(dimensions: d, maxTextureSize: maxSize)
        }
        self.volume = volume
        format = TextureFormat(volume.voxelType)
        space = SamplingSpace(volume.geometry)
        stackTable = try space.table.map { table throws(RenderError) in try StackTableTexture(table) }
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        glTexStorage3D(glEnum(GL_TEXTURE_3D), 1, format.internalFormat, GLsizei(d.x), GLsizei(d.y), GLsizei(d.z))
        for parameter in [GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R] {
            glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(parameter), GL_CLAMP_TO_EDGE)
        }
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MIN_FILTER), GL_LINEAR)
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MAG_FILTER), GL_LINEAR)
        do { try glCheck("glTexStorage3D(\(d.x)×\(d.y)×\(d.z))") } catch {
            glDeleteTextures(1, &texture)
            throw error
        }
    }

    deinit {
        var texture = id
        glDeleteTextures(1, &texture)
    }

    /// Uploads what changed in the volume since the last sync, and keeps the brick texture (if any) current.
    func sync() throws(RenderError) {
        guard let volume else { return }
        // Read the generation first: a slice inserted meanwhile is uploaded now and again next time, never missed.
        let generation = volume.generation
        let ranges = syncedGeneration.map { volume.changedSlices(since: $0) } ?? [0..<volume.sliceCount]
        guard !ranges.isEmpty else { return }
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        let d = volume.geometry.dimensions
        let sliceBytes = volume.geometry.sliceVoxelCount * volume.voxelType.byteCount
        for range in ranges {
            glTexSubImage3D(
                glEnum(GL_TEXTURE_3D), 0, 0, 0, GLint(range.lowerBound), GLsizei(d.x), GLsizei(d.y), GLsizei(range.count),
                glEnum(GL_RED), format.pixelType, volume.sliceBytes(range.lowerBound).baseAddress)
            try glCheck("glTexSubImage3D(slices \(range))")
            statistics.bytesUploaded += range.count * sliceBytes
            statistics.uploadCalls += 1
        }
        if let bricks {
            statistics.brickBytesUploaded += try bricks.update(slices: ranges)
        }
        syncedGeneration = generation
    }

    /// The brick texture for empty-space skipping, built from the whole volume on first call.
    func brickTexture() throws(RenderError) -> BrickMaxTexture {
        if let bricks { return bricks }
        guard let volume else { throw .invalidView(reason: "the volume was released") }
        let built = try BrickMaxTexture(volume: volume, space: space)
        statistics.brickBytesUploaded += try built.update(slices: [0..<volume.sliceCount])
        bricks = built
        return built
    }
}
