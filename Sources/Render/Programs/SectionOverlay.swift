import CGL
import Segmentation
import Volume

/// The first segmentation of an MPR or fusion view, drawn over the view in one pass (overlay_box.frag with
/// overlay_section.glsl): the label at each pixel, its 4 neighbours' for the outline, the fill blended by GL, in the
/// pixels where the view's plane meets the box of the labelled voxels only (`screenBox`, a scissor box), so the cost
/// follows the labelled area; no label image. `OverlayPass` keeps the colour table, the programs and the uniforms
/// it shares with its own two-draw pass. GL thread only.
///
/// The neighbours are compared through the texel's neighbour bits when screen x and y run along label grid axes at most
/// one voxel a pixel (`NeighbourTest`), else by reading their labels.
struct SectionOverlay {
    let pass: OverlayPass
    let overlay: SegmentationOverlay
    let labels: LabelTexture
    /// Fragment coordinates to label indices for the view.
    let mapping: ViewMapping
    let viewSize: SIMD2<Int>
    /// How a pixel's 4 neighbours are compared.
    let neighbours: NeighbourTest

    /// How overlay_section.glsl compares a pixel's 4 neighbours' labels with its own (the shader file that does it).
    enum NeighbourTest: Equatable {
        /// Screen x and y step along label grid axes `x` and `y` by one voxel a pixel from voxel centres: each neighbour
        /// is the next voxel along an axis, whose bit in the texel answers (overlay_edges_unit.glsl).
        case unit(x: Int, y: Int)
        /// Screen x and y run along label grid axes `x` and `y` at most one voxel a pixel: a neighbour's voxel is the
        /// pixel's own or the next along that axis, found from its position, and the texel's bit answers
        /// (overlay_edges_grid.glsl).
        case grid(x: Int, y: Int)
        /// Any other view: the neighbours' labels are read (overlay_edges_read.glsl).
        case read

        var shaderFile: String {
            switch self {
            case .unit: "overlay_edges_unit.glsl"
            case .grid: "overlay_edges_grid.glsl"
            case .read: "overlay_edges_read.glsl"
            }
        }
    }

    /// The overlay of a view of `plane` with `width` × `height` pixels of `pixelSpacing` mm.
    init(pass: OverlayPass, overlay: SegmentationOverlay, labels: LabelTexture, plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double) {
        self.pass = pass
        self.overlay = overlay
        self.labels = labels
        mapping = ViewMapping(plane: plane, width: width, height: height, pixelSpacing: pixelSpacing, space: SamplingSpace(overlay.labels.geometry))
        viewSize = SIMD2(width, height)
        neighbours = Self.neighbourTest(mapping)
    }

    /// Sets the uniforms and binds the textures of overlay_section.glsl on `program` (in use).
    func bind(to program: ShaderProgram) throws(RenderError) {
        try pass.bind(overlay, labels: labels, to: program)
        program.set("uLabelOrigin", mapping.origin)
        program.set("uLabelDx", mapping.dx)
        program.set("uLabelDy", mapping.dy)
        program.set("uViewSize", viewSize)
        switch neighbours {
        case .unit(let x, let y), .grid(let x, let y):
            program.set("uAxisX", x)
            program.set("uAxisY", y)
        case .read: break
        }
    }

    /// The test for `mapping`: `.grid` when screen x and y each step along one label grid axis only (the other
    /// components exactly 0), two different ones, by at most one voxel a pixel; `.unit` when both steps are one voxel
    /// (to float rounding) from a voxel centre along both axes. At most one voxel exactly when every pixel lies on voxel
    /// centres along the two axes (whole steps from a whole first point: no rounding; the third component is the same
    /// at every pixel, so it rounds alike everywhere, even halfway between two slices), else with a margin for float
    /// rounding (the shader adds steps to points of up to a few thousand voxels, so a step just under one voxel could
    /// round to a jump of two).
    static func neighbourTest(_ mapping: ViewMapping) -> NeighbourTest {
        func axis(_ v: Vector3) -> Int? {
            let nonzero = [v.x, v.y, v.z].indices.filter { v[$0] != 0 }
            return nonzero.count == 1 ? nonzero[0] : nil
        }
        guard let x = axis(mapping.dx), let y = axis(mapping.dy), x != y else { return .read }
        let first = mapping.origin + mapping.dx * 0.5 + mapping.dy * 0.5
        let steps = [abs(mapping.dx[x]), abs(mapping.dy[y])]
        let whole = ([first[x], first[y]] + steps).allSatisfy { abs($0 - $0.rounded()) < 1e-6 }
        if whole && steps.allSatisfy({ abs($0 - 1) < 1e-6 }) { return .unit(x: x, y: y) }
        return steps.allSatisfy({ $0 <= (whole ? 1 : 1 - 1.0 / 256) }) ? .grid(x: x, y: y) : .read
    }

    /// Draws the overlay over the view already in the bound buffer (overlay_box.frag), blended by GL, in the pixels of
    /// `screenBox` only: nothing when the view's plane misses the labelled voxels.
    func draw() throws(RenderError) {
        guard let rect = Self.screenBox(mapping, box: labels.box, viewSize: viewSize) else { return }
        let program = try pass.boxProgram(neighbours: neighbours)
        program.use()
        try bind(to: program)
        glEnable(glEnum(GL_SCISSOR_TEST))
        glScissor(GLint(rect.lo.x), GLint(rect.lo.y), GLsizei(rect.hi.x - rect.lo.x), GLsizei(rect.hi.y - rect.lo.y))
        glEnable(glEnum(GL_BLEND))
        glBlendFuncSeparate(glEnum(GL_SRC_ALPHA), glEnum(GL_ONE_MINUS_SRC_ALPHA), glEnum(GL_ZERO), glEnum(GL_ONE))
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        glDisable(glEnum(GL_BLEND))
        glDisable(glEnum(GL_SCISSOR_TEST))
        try glCheck("glDrawArrays(segmentation section)")
    }

    /// The pixels (`lo` inclusive, `hi` exclusive) of a `viewSize` view whose label indices are `mapping` where its
    /// plane meets the box of the labelled voxels (`box`, widened to its `LabelTexture.reach`, so every point whose nearest
    /// voxel is labelled lies inside despite float rounding), a pixel wider on each side; nil when the plane misses it.
    /// The points where the plane crosses the box's edges, and its corners on the plane, span that section.
    static func screenBox(
        _ mapping: ViewMapping, box: (lo: SIMD3<Int>, hi: SIMD3<Int>)?, viewSize: SIMD2<Int>
    ) -> (lo: SIMD2<Int>, hi: SIMD2<Int>)? {
        guard let box else { return nil }
        let (lo, hi) = LabelTexture.reach(of: box)
        let dx = mapping.dx, dy = mapping.dy, normal = dx.cross(dy)
        let corners = (0..<8).map { c in Vector3(c & 1 == 0 ? lo.x : hi.x, c & 2 == 0 ? lo.y : hi.y, c & 4 == 0 ? lo.z : hi.z) }
        let side = corners.map { ($0 - mapping.origin).dot(normal) }
        var points = corners.indices.filter { side[$0] == 0 }.map { corners[$0] }
        for a in 0..<8 { for bit in [1, 2, 4] where a & bit == 0 && side[a] * side[a | bit] < 0 {
            points.append(corners[a] + (corners[a | bit] - corners[a]) * (side[a] / (side[a] - side[a | bit])))
        } }
        guard !points.isEmpty else { return nil }
        // Fragment coordinates (u, v) of each point: origin + u dx + v dy, by the normal equations.
        let xx = dx.dot(dx), xy = dx.dot(dy), yy = dy.dot(dy), det = xx * yy - xy * xy
        let uv = points.map { q -> SIMD2<Double> in
            let r = q - mapping.origin, a = dx.dot(r), b = dy.dot(r)
            return SIMD2((yy * a - xy * b) / det, (xx * b - xy * a) / det)
        }
        let first = uv.reduce(uv[0], pointwiseMin), last = uv.reduce(uv[0], pointwiseMax)
        let from = pointwiseMax(SIMD2(Int(first.x.rounded(.down)), Int(first.y.rounded(.down))) &- 1, SIMD2(0, 0))
        let to = pointwiseMin(SIMD2(Int(last.x.rounded(.up)), Int(last.y.rounded(.up))) &+ 1, viewSize)
        return from.x < to.x && from.y < to.y ? (from, to) : nil
    }

}
