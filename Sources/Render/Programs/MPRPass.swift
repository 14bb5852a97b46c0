import CGL
import Volume

/// Draws an `MPRView` of one volume texture into the current buffer; GL thread only.
///
/// A slab whose rule gives one sample is drawn by the lean single-plane shader; the slab shader
/// (a loop over N samples) only runs for N > 1. When every sample of the view falls on a voxel centre
/// (an axis-aligned view on the voxel grid, e.g. the axial slab of the benchmark; never an irregular stack), trilinear
/// interpolation returns the voxel itself, so the nearest-sampling program draws it: one texel read
/// per sample instead of eight (axial slab MIP 20 mm of the benchmark CT: 30 -> 26 ms CPU).
final class MPRPass {
    private let plane: SamplingPrograms
    private let slab: SamplingPrograms

    init() throws(RenderError) {
        plane = try SamplingPrograms(fragment: "mpr_plane.frag")
        slab = try SamplingPrograms(fragment: "mpr_slab.frag")
    }

    func draw(_ view: MPRView, texture: VolumeTexture, volume: ImageVolume) throws(RenderError) {
        let geometry = volume.geometry
        let mapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, space: texture.space)
        let step = Slab.step(along: view.plane.normal, in: geometry)
        let count = view.slab?.sampleCount(step: step) ?? 1
        let irregular = texture.space.isIrregular
        let onCentres = !irregular && Self.samplesVoxelCentres(mapping, slabDelta: mapping.perMillimetreAlongNormal * step, count: count)
        let sampling = view.sampling == .linear && onCentres ? Sampling.nearest : view.sampling
        let program = try (count > 1 ? slab : plane).program(sampling, irregular: irregular, allSlices: texture.allSlicesPresent, bricked: texture.atlas != nil)
        program.use()
        program.setVolume(texture, of: volume)
        program.setWindow(view.window)
        program.setMapping(mapping)
        if let mode = view.slab?.mode, count > 1 {
            program.set("uSlabDelta", mapping.perMillimetreAlongNormal * step)
            program.set("uSlabCount", count)
            program.set("uSlabMode", mode.rawValue)
        }
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        try glCheck("glDrawArrays(MPR)")
    }

    /// True when the sample at every fragment centre (and every slab sample) lies on a voxel centre:
    /// the per-pixel and per-sample index steps are whole numbers and the first sample is on the grid.
    static func samplesVoxelCentres(_ mapping: ViewMapping, slabDelta: Vector3, count: Int) -> Bool {
        func whole(_ v: Vector3) -> Bool {
            let r = v.rounded(.toNearestOrAwayFromZero)
            return abs(v.x - r.x) < 1e-6 && abs(v.y - r.y) < 1e-6 && abs(v.z - r.z) < 1e-6
        }
        let first = mapping.origin + mapping.dx * 0.5 + mapping.dy * 0.5 + slabDelta * (-0.5 * Double(count - 1))
        return whole(mapping.dx) && whole(mapping.dy) && whole(first) && (count == 1 || whole(slabDelta))
    }
}
