/// One fragment shader linked twice, once per `Sampling`, so no shader branches on it per sample.
struct SamplingPrograms {
    private let nearest: ShaderProgram
    private let linear: ShaderProgram

    /// `fragment` is the main file; it is preceded by version.glsl, volume.glsl, the sampling file and voi.glsl.
    init(fragment: String) throws(RenderError) {
        func build(_ sampler: String) throws(RenderError) -> ShaderProgram {
            try ShaderProgram(
                vertex: ["fullscreen.vert"], fragment: ["version.glsl", "volume.glsl", sampler, "voi.glsl", fragment])
        }
        nearest = try build("sample_nearest.glsl")
        linear = try build("sample_linear.glsl")
    }

    subscript(sampling: Sampling) -> ShaderProgram {
        switch sampling {
        case .nearest: return nearest
        case .linear: return linear
        }
    }
}
