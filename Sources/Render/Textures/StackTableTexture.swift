import CGL
import Volume

/// The per-slice table of an irregular stack as a 1D RGBA32F texture, in the layout stack.glsl reads:
/// texel k < count is (t, column offset, row offset, gap after) of slice k; texel count + n is the last slice
/// whose t is at or below n / `lutScale`. GL thread only.
final class StackTableTexture {
    let id: GLuint
    let count: Int
    let lutScale: Double
    let lutCount: Int
    /// Texels of the lookup at most; with the walk in stack.glsl any bin width is exact, this bounds memory.
    static let maxLookup = 4096

    init(_ table: [SamplingSpace.SliceEntry]) throws(RenderError) {
        count = table.count
        let steps = zip(table, table.dropFirst()).map { $1.t - $0.t }
        let range = max(table.last?.t ?? 0, 1e-9)
        let width = max(steps.min() ?? 1, range / Double(Self.maxLookup - 1))
        lutScale = 1 / width
        lutCount = Int((range * lutScale).rounded(.down)) + 1
        var texels: [Float] = []
        texels.reserveCapacity(4 * (count + lutCount))
        for entry in table {
            texels += [Float(entry.t), Float(entry.columnOffset), Float(entry.rowOffset), entry.gapAfter ? 1 : 0]
        }
        var k = 0
        for n in 0..<lutCount {
            let t = Double(n) / lutScale
            while k + 1 < count, table[k + 1].t <= t { k += 1 }
            texels += [Float(k), 0, 0, 0]
        }
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        glBindTexture(glEnum(GL_TEXTURE_1D), id)
        glTexStorage1D(glEnum(GL_TEXTURE_1D), 1, glEnum(GL_RGBA32F), GLsizei(count + lutCount))
        glTexSubImage1D(glEnum(GL_TEXTURE_1D), 0, 0, GLsizei(count + lutCount), glEnum(GL_RGBA), glEnum(GL_FLOAT), texels)
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        do { try glCheck("glTexStorage1D(stack table of \(count) slices)") } catch {
            glDeleteTextures(1, &texture)
            throw error
        }
    }

    deinit {
        var texture = id
        glDeleteTextures(1, &texture)
    }
}
