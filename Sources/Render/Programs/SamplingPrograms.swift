/// One fragment shader linked once per `Sampling`, stack kind (grid or irregular), snapshot (every slice
/// present or not), texture layout (as stored or an atlas of blocks), for a fusion the PET's stack kind and
/// layout, and the view's own variant files (`variant`), so no shader branches on any of them per sample:
/// llvmpipe runs both sides of a runtime branch, so a uniform flag costs the work of both. Programs are
/// linked on first use.
final class SamplingPrograms {
    private let fragment: String
    private var programs: [Key: ShaderProgram] = [:]

    private struct Key: Hashable {
        var sampling: Sampling
        var irregular: Bool
        var allSlices: Bool
        var bricked: Bool
        var petIrregular: Bool
        var petBricked: Bool
        var variant: [String]
        var constants: String
    }

    /// `fragment` is the main file; it is preceded by version.glsl, slices_all.glsl or slices_partial.glsl,
    /// pet_grid.glsl or pet_irregular.glsl, bricks_none.glsl or bricks_atlas.glsl, pet_bricks_none.glsl or
    /// pet_bricks_atlas.glsl, volume.glsl, atlas.glsl, stack.glsl, the stack file (stack_grid.glsl or
    /// stack_irregular.glsl), the sampling file, voi.glsl and the variant files; the linear grid program is linked now
    /// (with `constants`, when the fragment file needs some), so a shader that does not compile fails here.
    init(fragment: String, variant: [String] = [], constants: String = "") throws(RenderError) {
        self.fragment = fragment
        _ = try program(.linear, irregular: false, allSlices: true, bricked: false, variant: variant, constants: constants)
    }

    /// The program for `sampling` over a grid or an irregular stack, for a frame whose snapshots hold every
    /// slice (`allSlices`) or not, of a texture laid out as an atlas (`bricked`, `VolumeTexture.atlas`) or not;
    /// `petIrregular` and `petBricked` for a fusion's PET; `variant`: files of compile-time constants that the
    /// fragment file reads (e.g. vr_shade_on.glsl); `constants`: GLSL text of more such constants, placed before the
    /// fragment file (a program per distinct text).
    func program(
        _ sampling: Sampling, irregular: Bool, allSlices: Bool, bricked: Bool, petIrregular: Bool = false, petBricked: Bool = false,
        variant: [String] = [], constants: String = ""
    ) throws(RenderError) -> ShaderProgram {
        let key = Key(
            sampling: sampling, irregular: irregular, allSlices: allSlices, bricked: bricked, petIrregular: petIrregular,
            petBricked: petBricked, variant: variant, constants: constants)
        if let built = programs[key] { return built }
        let sampler = sampling == .nearest ? "sample_nearest.glsl" : "sample_linear.glsl"
        let stack = irregular ? "stack_irregular.glsl" : "stack_grid.glsl"
        let built = try ShaderProgram(
            vertex: ["fullscreen.vert"],
            fragment: ["version.glsl", allSlices ? "slices_all.glsl" : "slices_partial.glsl",
                       petIrregular ? "pet_irregular.glsl" : "pet_grid.glsl", bricked ? "bricks_atlas.glsl" : "bricks_none.glsl",
                       petBricked ? "pet_bricks_atlas.glsl" : "pet_bricks_none.glsl", "volume.glsl", "atlas.glsl", "stack.glsl", stack, sampler,
                       "voi.glsl"] + variant + [fragment],
            constants: constants)
        programs[key] = built
        return built
    }
}
