import CGL

/// One colormap as a 256-texel GL_RGBA8 1D texture, read with `texelFetch` (no filtering); GL thread only.
final class ColormapTexture {
    let id: GLuint

    init(_ colormap: Colormap) throws(RenderError) {
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        let bytes = colormap.entries.flatMap { [$0.r, $0.g, $0.b, $0.a] }
        glBindTexture(glEnum(GL_TEXTURE_1D), id)
        glTexStorage1D(glEnum(GL_TEXTURE_1D), 1, glEnum(GL_RGBA8), GLsizei(Colormap.count))
        glTexSubImage1D(glEnum(GL_TEXTURE_1D), 0, 0, GLsizei(Colormap.count), glEnum(GL_RGBA), glEnum(GL_UNSIGNED_BYTE), bytes)
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        do { try glCheck("glTexStorage1D(colormap \(colormap.name))") } catch {
            glDeleteTextures(1, &texture)
            throw error
        }
    }

    deinit {
        var texture = id
        glDeleteTextures(1, &texture)
    }
}
