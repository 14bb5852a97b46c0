import CGL
import Segmentation
import Volume

/// One label volume as an integer 3D texture of `LabelTexels` (label × 64 + neighbour bits: GL_R8UI when every label
/// is below 4, GL_R16UI below 1024, else GL_R32UI) in bricks (`LabelBrickLayout`), read with `texelFetch` only
/// (integer textures have no filtering: nearest by construction). Uploaded once, a layer of bricks at a time so the
/// converted copy stays small; GL thread only.
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
    /// Where each voxel's texel lies.
    let layout: LabelBrickLayout

    init(_ volume: LabelVolume, maxSize: Int) throws(RenderError) {
        let d = volume.geometry.dimensions
        guard let layout = LabelBrickLayout(dimensions: d, maxSize: maxSize) else {
            throw .labelTextureTooLarge(source: volume.source, dimensions: d, maxSize: maxSize)
        }
        self.layout = layout
        labels = volume
        maxLabel = Int(volume.labels.max() ?? 0)
        let texels = LabelTexels(dimensions: d, labels: volume.labels)
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        let format = maxLabel < 4 ? GL_R8UI : maxLabel < 1024 ? GL_R16UI : GL_R32UI
        let size = layout.textureSize
        glTexStorage3D(glEnum(GL_TEXTURE_3D), 1, glEnum(format), GLsizei(size.x), GLsizei(size.y), GLsizei(size.z))
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        switch format {
        case GL_R8UI: box = Self.upload(texels, layout: layout, as: UInt8.self, type: GL_UNSIGNED_BYTE)
        case GL_R16UI: box = Self.upload(texels, layout: layout, as: UInt16.self, type: GL_UNSIGNED_SHORT)
        default: box = Self.upload(texels, layout: layout, as: UInt32.self, type: GL_UNSIGNED_INT)
        }
        do { try glCheck("glTexSubImage3D(labels of \(volume.source), \(d.x)×\(d.y)×\(d.z) in a \(size.x)×\(size.y)×\(size.z) texture)") } catch {
            glDeleteTextures(1, &texture)
            throw error
        }
    }

    deinit {
        var texture = id
        glDeleteTextures(1, &texture)
    }

    /// Uploads `texels` into the bound texture as `T` (GL type `type`), a layer of `layout`'s bricks at a time (its
    /// whole rows, split where they cross into the next texture slice); returns the box of the labelled voxels.
    private static func upload<T: FixedWidthInteger & UnsignedInteger>(
        _ texels: LabelTexels, layout: LabelBrickLayout, as: T.Type, type: Int32
    ) -> (lo: SIMD3<Int>, hi: SIMD3<Int>)? {
        var converted = [T](repeating: 0, count: layout.layerTexels)
        var box: (lo: SIMD3<Int>, hi: SIMD3<Int>)?
        let width = layout.rowTexels
        for layer in 0..<layout.bricks.z {
            if let found = texels.encode(layer: layer, of: layout, into: &converted) {
                box = box.map { (pointwiseMin($0.lo, found.lo), pointwiseMax($0.hi, found.hi)) } ?? found
            }
            let first = layer * layout.layerRows, end = first + layout.layerRows
            var row = first
            converted.withUnsafeBufferPointer { all in
                while row < end {
                    let y = row % width, count = min(end - row, width - y)
                    glTexSubImage3D(glEnum(GL_TEXTURE_3D), 0, 0, GLint(y), GLint(row / width), GLsizei(width), GLsizei(count), 1,
                                    glEnum(GL_RED_INTEGER), glEnum(type), all.baseAddress! + (row - first) * width)
                    row += count
                }
            }
        }
        return box
    }
}
