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
/// per sample count and axis (compile-time constants, so its loop has a fixed length). When the texture holds the
/// volume's own voxels (no reduced copy), the slab's extremes are reduced on the CPU instead (`SlabExtremeImage`),
/// uploaded as one 2D texture and drawn by mpr_slab_image.frag with one texel read a pixel: the same frame (the
/// benchmark's 20 mm axial slab MIP: 5.4 -> 2.6 ms a frame, 10 -> 4.2 ms CPU; the reduction itself 0.4 ms).
final class MPRPass {
    private let plane: SamplingPrograms
    private let slab: SamplingPrograms
    private let gridSlab: SamplingPrograms
    private let slabImage: SamplingPrograms
    private let nearestSampler: GLuint
    /// The 2D texture of `SlabExtremeImage`s, replaced at each such draw.
    private let slabImageTexture: GLuint
    /// Texture unit of the slab image (units 0, 3 and 5 hold the volume, a stack table and the slice sources).
    static let slabImageUnit = 6

    init() throws(RenderError) {
        plane = try SamplingPrograms(fragment: "mpr_plane.frag")
        slab = try SamplingPrograms(fragment: "mpr_slab.frag")
        gridSlab = try SamplingPrograms(fragment: "mpr_slab_grid.frag", constants: Self.gridSlabConstants(count: 2, axis: 2))
        slabImage = try SamplingPrograms(fragment: "mpr_slab_image.frag", constants: Self.slabImageConstants(axis: 2))
        var image: GLuint = 0
        glGenTextures(1, &image)
        glBindTexture(glEnum(GL_TEXTURE_2D), image)
        glTexParameteri(glEnum(GL_TEXTURE_2D), glEnum(GL_TEXTURE_MIN_FILTER), GL_NEAREST)
        glTexParameteri(glEnum(GL_TEXTURE_2D), glEnum(GL_TEXTURE_MAG_FILTER), GL_NEAREST)
        glBindTexture(glEnum(GL_TEXTURE_2D), 0)
        slabImageTexture = image
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
        var sampler = nearestSampler, image = slabImageTexture
        glDeleteSamplers(1, &sampler)
        glDeleteTextures(1, &image)
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
        if onGridExtreme, texture.reduced == nil, mapping.dx[axis] == 0, mapping.dy[axis] == 0, let mode = view.slab?.mode {
            return try drawReduced(view, mode: mode, mapping: mapping, axis: axis, step: delta[axis], count: count,
                                   texture: texture, volume: volume)
        }
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

    /// A slab of maximum or minimum on the voxel grid, its samples stepping by `step` (±1) along index axis `axis`
    /// (the same index for every pixel): the extremes over its slices inside the volume (the grid program clamps
    /// the samples beyond an end onto the end slice, copies that change no extreme) reduced on the CPU, uploaded in
    /// the volume's texture format, and drawn with one texel read a pixel.
    private func drawReduced(_ view: MPRView, mode: Slab.Mode, mapping: ViewMapping, axis: Int, step: Double, count: Int,
                             texture: VolumeTexture, volume: ImageVolume) throws(RenderError) {
        let centre = (mapping.origin + mapping.dx * 0.5 + mapping.dy * 0.5)[axis]
        // Whole numbers on the grid (to 1e-6, `samplesVoxelCentres`): rounded, so no index is lost to truncation.
        let first = (centre - 0.5 * Double(count - 1) * step).rounded()
        let last = (first + Double(count - 1) * step).rounded()
        let end = volume.geometry.dimensions[axis] - 1
        let low = max(0, min(end, Int(min(first, last)))), high = max(0, min(end, Int(max(first, last))))
        // A negative slope turns the largest stored value into the smallest value.
        let largest = (mode == .maximum) == (volume.rescale.slope * texture.format.storedScale >= 0)
        let image = SlabExtremeImage(volume, axis: axis, range: low...high, largest: largest)
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(Self.slabImageUnit)))
        glBindTexture(glEnum(GL_TEXTURE_2D), slabImageTexture)
        image.bytes.withUnsafeBytes { bytes in
            glTexImage2D(glEnum(GL_TEXTURE_2D), 0, GLint(texture.format.internalFormat), GLsizei(image.width), GLsizei(image.height),
                         0, glEnum(GL_RED), texture.format.pixelType, bytes.baseAddress)
        }
        try glCheck("glTexImage2D(slab image)")
        let program = try slabImage.program(.nearest, irregular: false, allSlices: true, bricked: texture.atlas != nil,
                                            constants: Self.slabImageConstants(axis: axis))
        program.use()
        program.setVolume(texture, of: volume)
        program.setWindow(view.window)
        program.setMapping(mapping)
        program.set("uSlabFirst", Float(first))
        program.set("uSlabLast", Float(last))
        program.set("uSlabImage", Self.slabImageUnit)
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(Self.slabImageUnit)))
        glBindTexture(glEnum(GL_TEXTURE_2D), 0)
        glActiveTexture(glEnum(GL_TEXTURE0))
        try glCheck("glDrawArrays(MPR slab image)")
    }

    /// mpr_slab_image.frag's compile-time constant: the index axis its slab steps along.
    static func slabImageConstants(axis: Int) -> String { "const int kSlabAxis = \(axis);" }

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
