import CGL

/// Everything an engine keeps on its GL thread: the context, the shared vertex array, volume,
/// label and colormap textures and compiled passes.
///
/// Unchecked `Sendable` because it is only ever touched on the engine's GL thread: by the engine's
/// actor-isolated methods, and, once, by the closure the engine's deinit queues there to free it.
final class GLState: @unchecked Sendable {
    let context: OffscreenContext
    var vertexArray: GLuint = 0
    var textures: [ObjectIdentifier: VolumeTexture] = [:]
    /// Label volumes of segmentation overlays, uploaded on first use and kept while the volume lives.
    var labelTextures: [ObjectIdentifier: LabelTexture] = [:]
    let colormaps = ColormapTextures()
    var mprPass: MPRPass?
    var mipPass: MIPPass?
    var fusionPass: FusionPass?
    var volumeRenderPass: VolumeRenderPass?
    var overlayPass: OverlayPass?

    init(context: OffscreenContext) {
        self.context = context
    }

    /// Frees the GL objects while the context is still current, before the context itself goes.
    func free() {
        textures.removeAll()
        labelTextures.removeAll()
        colormaps.removeAll()
        mprPass = nil
        mipPass = nil
        fusionPass = nil
        volumeRenderPass = nil
        overlayPass = nil
        if vertexArray != 0 { glDeleteVertexArrays(1, &vertexArray) }
    }
}
