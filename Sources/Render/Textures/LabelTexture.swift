import CGL
import Segmentation

/// One label volume as an integer 3D texture (GL_R8UI when every label fits a byte, else GL_R16UI), read with
/// `texelFetch` only (integer textures have no filtering: nearest by construction). Uploaded once, in slabs of
/// slices so the byte copy of a 16-bit volume stays small; GL thread only.
final class LabelTexture {
    let id: GLuint
    /// The largest label the volume holds (0 when empty): the colour table covers 0…maxLabel.
    let maxLabel: Int
    private(set) weak var labels: LabelVolume?
    /// Slices per glTexSubImage3D of an 8-bit volume.
    private static let slab = 16

    init(_ volume: LabelVolume, maxSize: Int) throws(RenderError) {
        let d = volume.geometry.dimensions
        guard d.x <= maxSize, d.y <= maxSize, d.z <= maxSize else {
            throw .labelTextureTooLarge(source: volume.source, dimensions: d, maxSize: maxSize)
        }
        labels = volume
        maxLabel = Int(volume.labels.max() ?? 0)
        let bytes = maxLabel <= Int(UInt8.max)
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        glTexStorage3D(glEnum(GL_TEXTURE_3D), 1, glEnum(bytes ? GL_R8UI : GL_R16UI), GLsizei(d.x), GLsizei(d.y), GLsizei(d.z))
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        let plane = d.x * d.y
        volume.labels.withUnsafeBufferPointer { all in
            guard bytes else {
                glTexSubImage3D(glEnum(GL_TEXTURE_3D), 0, 0, 0, 0, GLsizei(d.x), GLsizei(d.y), GLsizei(d.z),
                                glEnum(GL_RED_INTEGER), glEnum(GL_UNSIGNED_SHORT), all.baseAddress)
                return
            }
            var narrow = [UInt8](repeating: 0, count: plane * min(Self.slab, d.z))
            for k0 in stride(from: 0, to: d.z, by: Self.slab) {
                let count = min(Self.slab, d.z - k0)
                for n in 0..<(plane * count) { narrow[n] = UInt8(truncatingIfNeeded: all[k0 * plane + n]) }
                glTexSubImage3D(glEnum(GL_TEXTURE_3D), 0, 0, 0, GLint(k0), GLsizei(d.x), GLsizei(d.y), GLsizei(count),
                                glEnum(GL_RED_INTEGER), glEnum(GL_UNSIGNED_BYTE), narrow)
            }
        }
        do { try glCheck("glTexSubImage3D(labels of \(volume.source), \(d.x)×\(d.y)×\(d.z))") } catch {
            glDeleteTextures(1, &texture)
            throw error
        }
    }

    deinit {
        var texture = id
        glDeleteTextures(1, &texture)
    }
}
