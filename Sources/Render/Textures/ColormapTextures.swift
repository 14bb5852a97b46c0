/// The colormap textures of one engine, made on first use and kept until the engine goes; GL thread only.
final class ColormapTextures {
    private var made: [Colormap: ColormapTexture] = [:]

    func texture(_ colormap: Colormap) throws(RenderError) -> ColormapTexture {
        if let existing = made[colormap] { return existing }
        let texture = try ColormapTexture(colormap)
        made[colormap] = texture
        return texture
    }

    /// Frees every texture (while the context is current).
    func removeAll() { made.removeAll() }
}
