/// One fragment shader linked once per `Sampling` and stack kind (grid or irregular), so no shader
/// branches on either per sample. Programs are linked on first use.
final class SamplingPrograms {
    private let fragment: String
    private var programs: [Key: ShaderProgram] = [:]

    private struct Key: Hashable {
        var sampling: Sampling
        var irregular: Bool
    }

    /// `fragment` is the main file; it is preceded by version.glsl, volume.glsl, stack.glsl, the stack file
    /// (stack_grid.glsl or stack_irregular.glsl), the sampling file and voi.glsl.
    init(fragment: String) throws(RenderError) {
        self.fragment = fragment
        _ = try program(.linear, irregular: false)
    }

    /// The program for `sampling` over a grid or an irregular stack.
    func program(_ sampling: Sampling, irregular: Bool) throws(RenderError) -> ShaderProgram {
        let key = Key(sampling: sampling, irregular: irregular)
        if let built = programs[key] { return built }
        let sampler = sampling == .nearest ? "sample_nearest.glsl" : "sample_linear.glsl"
        let stack = irregular ? "stack_irregular.glsl" : "stack_grid.glsl"
        let built = try ShaderProgram(
            vertex: ["fullscreen.vert"],
            fragment: ["version.glsl", "volume.glsl", "stack.glsl", stack, sampler, "voi.glsl", fragment])
        programs[key] = built
        return built
    }
}
