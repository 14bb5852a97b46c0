import CGL
import Volume

/// Draws an `MPRView` of one volume texture into the current buffer; GL thread only.
///
/// A slab whose rule gives one sample is drawn by the lean single-plane shader; the slab shader
/// (a loop over N samples) only runs for N > 1. When every sample of the view falls on a voxel centre
/// (an axis-aligned view on the voxel grid, e.g. the axial slab of the benchmark; never an irregular stack), trilinear
/// interpolation returns the voxel itself, so the nearest-sampling program draws it: one texel read
/// per sample instead of eight (axial slab MIP 20 mm of the benchmark CT: 30 -> 26 ms CPU). Such a slab of maximum
/// or minimum along a grid axis, with every slice in the snapshot, is drawn by mpr_slab_grid.frag, which reads through
/// a nearest sampler object (bound for that draw only; the texture keeps its linear filter for every other view), linked
/// per sample count and axis (compile-time constants, so its loop has a fixed length).
final class MPRPass {
    private let plane: SamplingPrograms
    private let slab: SamplingPrograms
    private let gridSlab: SamplingPrograms
    private let nearestSampler: GLuint

    init() throws(RenderError) {
        plane = try SamplingPrograms(fragment: "mpr_plane.frag")
        slab = try SamplingPrograms(fragment: "mpr_slab.frag")
        gridSlab = try SamplingPrograms(fragment: "mpr_slab_grid.frag", constants: Self.gridSlabConstants(count: 2, axis: 2))
        var sampler: GLuint = 0
        glGenSamplers(1, &sampler)
        for parameter in [GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R] {
            glSamplerParameteri(sampler, glEnum(parameter), GL_CLAMP_TO_EDGE)
        }
        glSamplerParameteri(sampler, glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glSamplerParameteri(sampler, glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        nearestSampler = sampler
        try glCheck("glGenSamplers(nearest)")
    }

    deinit {
        var sampler = nearestSampler
        glDeleteSamplers(1, &sampler)
    }

    func draw(_ view: MPRView, texture: VolumeTexture, volume: ImageVolume) throws(RenderError) {
        let geometry = volume.geometry
        let mapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, space: texture.space)
        let step = Slab.step(along: view.plane.normal, in: geometry)
        let count = view.slab?.sampleCount(step: step) ?? 1
        let irregular = texture.space.isIrregular
        let delta = mapping.perMillimetreAlongNormal * step
        let onCentres = !irregular && Self.samplesVoxelCentres(mapping, slabDelta: delta, count: count)
        let sampling = view.sampling == .linear && onCentres ? Sampling.nearest : view.sampling
        let onGridExtreme = onCentres && count > 1 && texture.allSlicesPresent && view.slab?.mode != .average && Self.isUnitAxis(delta)
        let programs = onGridExtreme ? gridSlab : count > 1 ? slab : plane
        let axis = [delta.x, delta.y, delta.z].firstIndex { abs($0) > 0.5 } ?? 2
        let program = try programs.program(
            onGridExtreme ? .nearest : sampling, irregular: irregular, allSlices: texture.allSlicesPresent, bricked: texture.atlas != nil,
            constants: onGridExtreme ? Self.gridSlabConstants(count: count, axis: axis) : "")
        program.use()
        program.setVolume(texture, of: volume)
        program.setWindow(view.window)
        program.setMapping(mapping)
        if let mode = view.slab?.mode, count > 1 {
            if onGridExtreme {
                program.set("uSlabStep", Float(delta[axis]))
            } else {
                program.set("uSlabDelta", delta)
                program.set("uSlabCount", count)
            }
            program.set("uSlabMode", mode.rawValue)
        }
        if onGridExtreme { glBindSampler(0, nearestSampler) }
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        if onGridExtreme { glBindSampler(0, 0) }
        try glCheck("glDrawArrays(MPR)")
    }

    /// mpr_slab_grid.frag's compile-time constants: `count` samples stepping along index axis `axis`.
    static func gridSlabConstants(count: Int, axis: Int) -> String {
        "const int kSlabCount = \(count);\nconst int kSlabAxis = \(axis);"
    }

    /// True when `v` is ±1 along one axis and 0 along the others (within 1e-6).
    static func isUnitAxis(_ v: Vector3) -> Bool {
        let a = Vector3(abs(v.x), abs(v.y), abs(v.z))
        let ones = [a.x, a.y, a.z].filter { abs($0 - 1) < 1e-6 }.count, zeros = [a.x, a.y, a.z].filter { $0 < 1e-6 }.count
        return ones == 1 && zeros == 2
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
