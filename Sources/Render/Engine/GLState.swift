import CGL

/// Everything an engine keeps on its GL thread: the context, the shared vertex array, volume
/// textures and compiled passes.
///
/// Unchecked `Sendable` because it is only ever touched on the engine's GL thread: by the engine's
/// actor-isolated methods, and, once, by the closure the engine's deinit queues there to free it.
final class GLState: @unchecked Sendable {
    let context: OffscreenContext
    var vertexArray: GLuint = 0
    var textures: [ObjectIdentifier: VolumeTexture] = [:]
    var mprPass: MPRPass?
    var mipPass: MIPPass?
    var fusionPass: FusionPass?
    var volumeRenderPass: VolumeRenderPass?

    init(context: OffscreenContext) {
        self.context = context
    }

    /// Frees the GL objects while the context is still current, before the context itself goes.
    func free() {
        textures.removeAll()
        mprPass = nil
        mipPass = nil
        fusionPass = nil
        volumeRenderPass = nil
        if vertexArray != 0 { glDeleteVertexArrays(1, &vertexArray) }
    }
}
