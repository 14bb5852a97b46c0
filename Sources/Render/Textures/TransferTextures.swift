import CGL

/// A preset's `TransferTable` as four 1D float textures: colour and opacity (RGBA32F, linear), the running counts of
/// opaque entries (R32F, fetched), the gradient opacity (R32F, linear) and the surfaces (RG32F, linear); GL thread only.
final class TransferTextures {
    let preset: VolumePreset
    let table: TransferTable
    let transfer: GLuint
    let occupied: GLuint
    let gradientOpacity: GLuint
    let surfaces: GLuint

    init(_ preset: VolumePreset) throws(RenderError) {
        self.preset = preset
        table = TransferTable(preset)
        var ids: [GLuint] = [0, 0, 0, 0]
        glGenTextures(4, &ids)
        (transfer, occupied, gradientOpacity, surfaces) = (ids[0], ids[1], ids[2], ids[3])
        Self.upload(transfer, GL_RGBA32F, GL_RGBA, table.rgba, count: TransferTable.count, filter: GL_LINEAR)
        Self.upload(occupied, GL_R32F, GL_RED, table.occupied, count: TransferTable.count, filter: GL_NEAREST)
        Self.upload(gradientOpacity, GL_R32F, GL_RED, table.gradientOpacity, count: TransferTable.gradientCount, filter: GL_LINEAR)
        Self.upload(surfaces, GL_RG32F, GL_RG, table.surfaces, count: TransferTable.count, filter: GL_LINEAR)
        do { try glCheck("transfer textures of preset \(preset.name)") } catch {
            glDeleteTextures(4, &ids)
            throw error
        }
    }

    deinit {
        var ids = [transfer, occupied, gradientOpacity, surfaces]
        glDeleteTextures(4, &ids)
    }

    private static func upload(_ id: GLuint, _ internalFormat: Int32, _ format: Int32, _ values: [Float], count: Int, filter: Int32) {
        glBindTexture(glEnum(GL_TEXTURE_1D), id)
        glTexStorage1D(glEnum(GL_TEXTURE_1D), 1, glEnum(internalFormat), GLsizei(count))
        glTexSubImage1D(glEnum(GL_TEXTURE_1D), 0, 0, GLsizei(count), glEnum(format), glEnum(GL_FLOAT), values)
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_WRAP_S), GL_CLAMP_TO_EDGE)
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_MIN_FILTER), filter)
        glTexParameteri(glEnum(GL_TEXTURE_1D), glEnum(GL_TEXTURE_MAG_FILTER), filter)
    }
}
