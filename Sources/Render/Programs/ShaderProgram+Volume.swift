import CGL
import Volume

extension ShaderProgram {
    /// Binds `texture` to unit 0 and sets the uniforms of `volume.glsl`.
    func setVolume(_ texture: VolumeTexture, of volume: ImageVolume) {
        glActiveTexture(glEnum(GL_TEXTURE0))
        glBindTexture(glEnum(GL_TEXTURE_3D), texture.id)
        set("uVolume", 0)
        set("uDims", Vector3(volume.geometry.dimensions))
        set("uInvDims", 1 / Vector3(volume.geometry.dimensions))
        set("uStoredScale", Float(texture.format.storedScale))
        set("uRoundStored", texture.format.isInteger)
        set("uSlope", Float(volume.rescale.slope))
        set("uIntercept", Float(volume.rescale.intercept))
    }

    /// Sets the uniforms of `voi.glsl`.
    func setWindow(_ window: VOIWindow) {
        set("uWindowLower", Float(window.lower))
        set("uWindowUpper", Float(window.upper))
        set("uWindowWidthMinusOne", Float(window.width - 1))
    }

    /// Sets the fragment → index map shared by the MPR and MIP shaders.
    func setMapping(_ mapping: ViewMapping) {
        set("uOrigin", mapping.origin)
        set("uDx", mapping.dx)
        set("uDy", mapping.dy)
    }
}
