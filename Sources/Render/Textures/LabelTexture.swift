import CGL
import Segmentation
import Volume

/// One label volume as an integer 3D texture of `LabelTexels` (label × 64 + neighbour bits: GL_R8UI when every label
/// is below 4, GL_R16UI below 1024, else GL_R32UI), read with `texelFetch` only (integer textures have no filtering:
/// nearest by construction). Uploaded once, in slabs of slices so the converted copy stays small; GL thread only.
final class LabelTexture {
    let id: GLuint
    /// The largest label the volume holds (0 when empty): the colour table covers 0…maxLabel.
    let maxLabel: Int
    /// The smallest and largest voxel index of any labelled voxel along each axis; nil when none is labelled.
    private(set) var box: (lo: SIMD3<Int>, hi: SIMD3<Int>)?
    private(set) weak var labels: LabelVolume?
    /// The continuous label indices around the voxels of `box` that hold every point whose nearest voxel lies in it,
    /// with a margin for float rounding: the box widened by a voxel and a half.
    static func reach(of box: (lo: SIMD3<Int>, hi: SIMD3<Int>)) -> (lo: Vector3, hi: Vector3) {
        (Vector3(box.lo) - 1.5, Vector3(box.hi) + 1.5)
    }
    /// Slices per glTexSubImage3D.
    private static let slab = 16

    init(_ volume: LabelVolume, maxSize: Int) throws(RenderError) {
        let d = volume.geometry.dimensions
        guard d.x <= maxSize, d.y <= maxSize, d.z <= maxSize else {
            throw .labelTextureTooLarge(source: volume.source, dimensions: d, maxSize: maxSize)
        }
        labels = volume
        maxLabel = Int(volume.labels.max() ?? 0)
        let texels = LabelTexels(dimensions: d, labels: volume.labels)
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        let format = maxLabel < 4 ? GL_R8UI : maxLabel < 1024 ? GL_R16UI : GL_R32UI
        glTexStorage3D(glEnum(GL_TEXTURE_3D), 1, glEnum(format), GLsizei(d.x), GLsizei(d.y), GLsizei(d.z))
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        switch format {
        case GL_R8UI: box = Self.upload(texels, as: UInt8.self, type: GL_UNSIGNED_BYTE)
        case GL_R16UI: box = Self.upload(texels, as: UInt16.self, type: GL_UNSIGNED_SHORT)
        default: box = Self.upload(texels, as: UInt32.self, type: GL_UNSIGNED_INT)
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

    /// Uploads `texels` into the bound texture as `T` (GL type `type`), `slab` slices per call; returns the box of the
    /// labelled voxels.
    private static func upload<T: FixedWidthInteger & UnsignedInteger>(
        _ texels: LabelTexels, as: T.Type, type: Int32
    ) -> (lo: SIMD3<Int>, hi: SIMD3<Int>)? {
        let d = texels.dimensions
        var converted = [T](repeating: 0, count: d.x * d.y * min(slab, d.z))
        var box: (lo: SIMD3<Int>, hi: SIMD3<Int>)?
        for k0 in stride(from: 0, to: d.z, by: slab) {
            let count = min(slab, d.z - k0)
            if let slab = texels.encode(slices: k0..<(k0 + count), into: &converted) {
                box = box.map { (pointwiseMin($0.lo, slab.lo), pointwiseMax($0.hi, slab.hi)) } ?? slab
            }
            glTexSubImage3D(glEnum(GL_TEXTURE_3D), 0, 0, 0, GLint(k0), GLsizei(d.x), GLsizei(d.y), GLsizei(count),
                            glEnum(GL_RED_INTEGER), glEnum(type), converted)
        }
        return box
    }
}
