import CGL
import Segmentation
import Volume

/// Draws a `SegmentationOverlay` over the view in the current buffer, before it is read back; GL thread only.
///
/// The first segmentation of an MPR or fusion view is drawn in one pass by `SectionOverlay` (with this pass's colour
/// table, uniforms and `boxProgram`); this pass draws a MIP's and any further segmentation of a view, in two draws: the
/// label of every pixel goes into an R16UI image of the view's size (the section through the view's plane, or for a
/// MIP the projection along its rays, the first label each ray meets: overlay_section.frag, overlay_projection.frag),
/// then overlay_draw.frag blends fill and outline over the view, comparing each pixel's label with its 4 neighbours'.
/// Texture units (free of every view pass's): `labelUnit` the label volume, `colourUnit` the segment colour
/// table, `imageUnit` the label image.
final class OverlayPass {
    static let labelUnit = 12
    static let colourUnit = 13
    static let imageUnit = 14
    private let section: ShaderProgram
    private let projection: ShaderProgram
    private let composite: ShaderProgram
    private let colours: GLuint
    private let framebuffer: GLuint
    private var image: (id: GLuint, width: Int, height: Int)?
    /// The colour table in `colours`; nil before the first upload.
    private var uploadedColours: [UInt8]?
    /// overlay_box.frag's programs by neighbour test shader file.
    private var boxPrograms: [String: ShaderProgram] = [:]

    init() throws(RenderError) {
        section = try ShaderProgram(vertex: ["fullscreen.vert"], fragment: ["version.glsl", "overlay_labels.glsl", "overlay_section.frag"])
        projection = try ShaderProgram(vertex: ["fullscreen.vert"], fragment: ["version.glsl", "overlay_labels.glsl", "overlay_projection.frag"])
        composite = try ShaderProgram(vertex: ["fullscreen.vert"], fragment: ["version.glsl", "overlay_labels.glsl", "overlay_draw.frag"])
        var names: [GLuint] = [0]
        glGenTextures(1, &names)
        colours = names[0]
        glGenFramebuffers(1, &names)
        framebuffer = names[0]
        try glCheck("glGenFramebuffers(overlay)")
    }

    deinit {
        var texture = colours
        glDeleteTextures(1, &texture)
        if var id = image?.id { glDeleteTextures(1, &id) }
        var buffer = framebuffer
        glDeleteFramebuffers(1, &buffer)
    }

    /// Draws `overlay` (its labels in `labels`) over the bound buffer, a view of `plane` with `width` × `height`
    /// pixels of `pixelSpacing` mm; `projection` for a MIP.
    func draw(
        _ overlay: SegmentationOverlay, labels: LabelTexture, plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double,
        projection isProjection: Bool
    ) throws(RenderError) {
        let volume = overlay.labels
        let image = try labelImage(width: width, height: height)
        glBindFramebuffer(glEnum(GL_FRAMEBUFFER), framebuffer)
        glFramebufferTexture2D(glEnum(GL_FRAMEBUFFER), glEnum(GL_COLOR_ATTACHMENT0), glEnum(GL_TEXTURE_2D), image, 0)
        defer { glBindFramebuffer(glEnum(GL_FRAMEBUFFER), 0) }
        guard glCheckFramebufferStatus(glEnum(GL_FRAMEBUFFER)) == glEnum(GL_FRAMEBUFFER_COMPLETE) else {
            throw .glError(call: "glCheckFramebufferStatus(overlay label image \(width)×\(height))", code: UInt32(glGetError()))
        }
        let program = isProjection ? projection : section
        program.use()
        try bind(overlay, labels: labels, to: program)
        let mapping = ViewMapping(plane: plane, width: width, height: height, pixelSpacing: pixelSpacing, space: SamplingSpace(volume.geometry))
        program.setMapping(mapping)
        if isProjection {
            let g = volume.geometry
            program.set("uStep", mapping.perMillimetreAlongNormal * -(min(g.spacing.x, g.spacing.y, g.spacing.z) / 2))
            // The labelled voxels' reach within the grid's box; an empty box when nothing is labelled.
            let reach = labels.box.map(LabelTexture.reach) ?? (lo: Vector3(0, 0, 0), hi: Vector3(-1, -1, -1))
            program.set("uBoxLo", pointwiseMax(reach.lo, Vector3(-0.5, -0.5, -0.5)))
            program.set("uBoxHi", pointwiseMin(reach.hi, Vector3(g.dimensions) - 0.5))
        }
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        try glCheck("glDrawArrays(overlay labels)")

        glBindFramebuffer(glEnum(GL_FRAMEBUFFER), 0)
        composite.use()
        try bind(overlay, labels: labels, to: composite)
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(Self.imageUnit)))
        glBindTexture(glEnum(GL_TEXTURE_2D), image)
        composite.set("uLabelImage", Self.imageUnit)
        composite.set("uSize", SIMD2(width, height))
        glEnable(glEnum(GL_BLEND))
        glBlendFuncSeparate(glEnum(GL_SRC_ALPHA), glEnum(GL_ONE_MINUS_SRC_ALPHA), glEnum(GL_ZERO), glEnum(GL_ONE))
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        glDisable(glEnum(GL_BLEND))
        try glCheck("glDrawArrays(overlay)")
    }

    /// overlay_box.frag with the neighbour test `neighbours` (its shader file: the axes are uniforms), linked on first use.
    func boxProgram(neighbours: SectionOverlay.NeighbourTest) throws(RenderError) -> ShaderProgram {
        let file = neighbours.shaderFile
        if let program = boxPrograms[file] { return program }
        let program = try ShaderProgram(
            vertex: ["fullscreen.vert"],
            fragment: ["version.glsl", "overlay_labels.glsl", "overlay_section.glsl", file, "overlay_box.frag"])
        boxPrograms[file] = program
        return program
    }

    /// Binds the label volume and `overlay`'s colour table and sets the uniforms of overlay_labels.glsl on `program`
    /// (in use).
    func bind(_ overlay: SegmentationOverlay, labels: LabelTexture, to program: ShaderProgram) throws(RenderError) {
        try uploadColours(overlay, rows: labels.maxLabel / 256 + 1)
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(Self.labelUnit)))
        glBindTexture(glEnum(GL_TEXTURE_3D), labels.id)
        program.set("uLabels", Self.labelUnit)
        program.set("uLabelDims", overlay.labels.geometry.dimensions)
        program.set("uLabelBricksX", labels.layout.bricks.x)
        program.set("uLabelRowBits", labels.layout.rowBits)
        program.set("uLabelLayerRows", labels.layout.layerRows)
        program.set("uColours", Self.colourUnit)
        program.set("uFill", Float(overlay.style == .outline ? 0 : overlay.opacity))
        program.set("uOutline", overlay.style != .fill)
    }

    /// Binds the colour table of `overlay` (256 labels a row, alpha 255 for the segments it shows), uploading it when it
    /// differs from the table last uploaded.
    private func uploadColours(_ overlay: SegmentationOverlay, rows: Int) throws(RenderError) {
        var texels = [UInt8](repeating: 0, count: rows * 256 * 4)
        for segment in overlay.shownSegments where segment.number < rows * 256 {
            let o = segment.number * 4
            texels[o] = segment.colour.x; texels[o + 1] = segment.colour.y; texels[o + 2] = segment.colour.z; texels[o + 3] = 255
        }
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(Self.colourUnit)))
        glBindTexture(glEnum(GL_TEXTURE_2D), colours)
        guard texels != uploadedColours else { return }
        uploadedColours = texels
        glTexImage2D(glEnum(GL_TEXTURE_2D), 0, GL_RGBA8, 256, GLsizei(rows), 0, glEnum(GL_RGBA), glEnum(GL_UNSIGNED_BYTE), texels)
        glTexParameteri(glEnum(GL_TEXTURE_2D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_2D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        try glCheck("glTexImage2D(segment colours, \(rows) rows)")
    }

    /// The R16UI label image, reallocated when the view's size changes.
    private func labelImage(width: Int, height: Int) throws(RenderError) -> GLuint {
        if let image, image.width == width, image.height == height { return image.id }
        if var old = image?.id { glDeleteTextures(1, &old) }
        var id: GLuint = 0
        glGenTextures(1, &id)
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(Self.imageUnit)))
        glBindTexture(glEnum(GL_TEXTURE_2D), id)
        glTexStorage2D(glEnum(GL_TEXTURE_2D), 1, glEnum(GL_R16UI), GLsizei(width), GLsizei(height))
        glTexParameteri(glEnum(GL_TEXTURE_2D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_2D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        image = (id, width, height)
        try glCheck("glTexStorage2D(overlay label image \(width)×\(height))")
        return id
    }
}
