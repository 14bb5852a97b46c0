import Segmentation
import Volume

/// The segmentation an MPR or fusion shader draws over its own view in the same pass (overlay_section.glsl): the
/// label at each pixel, its 4 neighbours' for the outline, the fill blended in the shader; no second framebuffer
/// nor pass. `OverlayPass` keeps the colour table and the uniforms it shares with the separate pass. GL thread only.
///
/// The neighbours are compared through the texel's neighbour bits (overlay_edges_grid.glsl) when screen x and y run
/// along label grid axes at most one voxel a pixel (`gridAxes`), else by reading their labels (overlay_edges_read.glsl).
struct SectionOverlay {
    let pass: OverlayPass
    let overlay: SegmentationOverlay
    let labels: LabelTexture
    /// Fragment coordinates to label indices for the view.
    let mapping: ViewMapping
    let viewSize: SIMD2<Int>
    /// The label grid axes screen x and y run along, when the texel bits answer for the neighbours; else nil.
    let gridAxes: (x: Int, y: Int)?

    /// The overlay of a view of `plane` with `width` × `height` pixels of `pixelSpacing` mm.
    init(pass: OverlayPass, overlay: SegmentationOverlay, labels: LabelTexture, plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double) {
        self.pass = pass
        self.overlay = overlay
        self.labels = labels
        mapping = ViewMapping(plane: plane, width: width, height: height, pixelSpacing: pixelSpacing, space: SamplingSpace(overlay.labels.geometry))
        viewSize = SIMD2(width, height)
        gridAxes = Self.gridAxes(mapping)
    }

    /// The fragment files (variant files of `SamplingPrograms`) that draw `section`, or that draw none.
    static func files(_ section: SectionOverlay?) -> [String] {
        guard let section else { return ["overlay_none.glsl"] }
        return ["overlay_labels.glsl", "overlay_section.glsl", section.gridAxes == nil ? "overlay_edges_read.glsl" : "overlay_edges_grid.glsl"]
    }

    /// Sets the uniforms and binds the textures of overlay_section.glsl on `program` (in use).
    func bind(to program: ShaderProgram) throws(RenderError) {
        try pass.bind(overlay, labels: labels, to: program)
        program.set("uLabelOrigin", mapping.origin)
        program.set("uLabelDx", mapping.dx)
        program.set("uLabelDy", mapping.dy)
        program.set("uViewSize", viewSize)
        if let gridAxes {
            program.set("uAxisX", gridAxes.x)
            program.set("uAxisY", gridAxes.y)
        }
    }

    /// The axes screen x and y run along when each steps along one label grid axis only (the other components exactly
    /// 0), two different ones, by at most one voxel a pixel: then a neighbour pixel's nearest voxel is the pixel's own
    /// or the next along that axis. At most one voxel exactly when every pixel samples a voxel centre (whole steps from
    /// a whole first point: no rounding), else with a margin for float rounding (the shader adds steps to points of up
    /// to a few thousand voxels, so a step just under one voxel could round to a jump of two).
    static func gridAxes(_ mapping: ViewMapping) -> (x: Int, y: Int)? {
        func axis(_ v: Vector3) -> Int? {
            let nonzero = [v.x, v.y, v.z].indices.filter { v[$0] != 0 }
            return nonzero.count == 1 ? nonzero[0] : nil
        }
        guard let x = axis(mapping.dx), let y = axis(mapping.dy), x != y else { return nil }
        let first = mapping.origin + mapping.dx * 0.5 + mapping.dy * 0.5
        let steps = [abs(mapping.dx[x]), abs(mapping.dy[y])]
        let whole = ([first.x, first.y, first.z] + steps).allSatisfy { abs($0 - $0.rounded()) < 1e-6 }
        return steps.allSatisfy({ $0 <= (whole ? 1 : 1 - 1.0 / 256) }) ? (x, y) : nil
    }
}
