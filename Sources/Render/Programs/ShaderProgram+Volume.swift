import CGL
import Volume

extension ShaderProgram {
    /// Texture unit of an irregular stack's table (stack_irregular.glsl).
    static let stackTableUnit = 3
    /// Texture unit of the volume's slice sources (volume.glsl).
    static let sliceSourcesUnit = 5

    /// Binds `texture` to unit 0, its slice sources to `sliceSourcesUnit` (an irregular stack's table to
    /// `stackTableUnit`) and sets the uniforms of `volume.glsl`, `stack_irregular.glsl` and, for an atlas, `atlas.glsl`.
    func setVolume(_ texture: VolumeTexture, of volume: ImageVolume) {
        glActiveTexture(glEnum(GL_TEXTURE0))
        glBindTexture(glEnum(GL_TEXTURE_3D), texture.id)
        set("uVolume", 0)
        set("uDims", Vector3(volume.geometry.dimensions))
        set("uInvDims", 1 / Vector3(volume.geometry.dimensions))
        set("uBoxDims", texture.space.box)
        if let table = texture.stackTable {
            setStackTable(table, unit: Self.stackTableUnit, prefix: "uStack")
        }
        setSliceSources(texture, unit: Self.sliceSourcesUnit, prefix: "uSlices")
        if let atlas = texture.atlas { setAtlas(atlas, prefix: "uAtlas") }
        set("uStoredScale", Float(texture.format.storedScale))
        set("uRoundStored", texture.format.isInteger)
        set("uSlope", Float(volume.rescale.slope))
        set("uIntercept", Float(volume.rescale.intercept))
    }

    /// Binds a stack table to `unit` and sets its uniforms `<prefix>`, `<prefix>Count`, `<prefix>LutScale`, `<prefix>LutCount`.
    func setStackTable(_ table: StackTableTexture, unit: Int, prefix: String) {
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(unit)))
        glBindTexture(glEnum(GL_TEXTURE_1D), table.id)
        set(prefix, unit)
        set(prefix + "Count", table.count)
        set(prefix + "LutScale", Float(table.lutScale))
        set(prefix + "LutCount", table.lutCount)
    }

    /// Sets the uniforms of atlas.glsl named `<prefix>Step`, `<prefix>InvStep`, `<prefix>Blocks`, `<prefix>Size`,
    /// `<prefix>InvDims` and `<prefix>Origins`.
    func setAtlas(_ atlas: TextureAtlas, prefix: String) {
        set(prefix + "Step", Vector3(atlas.step))
        set(prefix + "InvStep", 1 / Vector3(atlas.step))
        set(prefix + "Blocks", Vector3(atlas.blocks))
        set(prefix + "Size", Vector3(atlas.blockSize))
        set(prefix + "InvDims", 1 / Vector3(atlas.textureSize))
        set(prefix + "Origins", atlas.allBlocks.map { Vector3(atlas.origin(ofBlock: $0)) })
    }

    /// Binds a texture's slice sources to `unit` and sets the uniform `<prefix>` (the program itself knows whether
    /// every slice is in the frame's snapshot: `SamplingPrograms`).
    func setSliceSources(_ texture: VolumeTexture, unit: Int, prefix: String) {
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(unit)))
        glBindTexture(glEnum(GL_TEXTURE_1D), texture.sliceSources.id)
        set(prefix, unit)
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
