import CGL

/// Per slice of a volume, the slice whose voxels a frame samples for it (`UnloadedSlices.sources`):
/// a 1D R32F texture, texel k = that slice's index, or -1 where slice k has no data. The shaders read it
/// in `locate` and `sampledTexel` (volume.glsl). Re-uploaded only when a frame's sources differ from the
/// last frame's. GL thread only.
final class SliceSourceTexture {
    let id: GLuint
    /// The sources now in the texture; nil before the first upload.
    private(set) var sources: [Int]?

    init(sliceCount: Int) throws(RenderError) {
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        glBindTexture(glEnum(GL_TEXTURE_1D), id)
        glTexStorage1D(glEnum(GL_TEXTURE_1D), 1, glEnum(GL_R32F), GLsizei(sliceCount))
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        do { try glCheck("glTexStorage1D(slice sources of \(sliceCount) slices)") } catch {
            glDeleteTextures(1, &texture)
            throw error
        }
    }

    deinit {
        var texture = id
        glDeleteTextures(1, &texture)
    }

    /// Makes the texture hold `sources` (one entry per slice).
    func update(_ sources: [Int]) throws(RenderError) {
        guard sources != self.sources else { return }
        let texels = sources.map { Float($0) }
        glBindTexture(glEnum(GL_TEXTURE_1D), id)
        glTexSubImage1D(glEnum(GL_TEXTURE_1D), 0, 0, GLsizei(texels.count), glEnum(GL_RED), glEnum(GL_FLOAT), texels)
        try glCheck("glTexSubImage1D(slice sources)")
        self.sources = sources
    }
}
