import CGL
import Raster
import Volume

/// The headless renderer: one OSMesa context, owned by one dedicated thread, and the volume textures on it.
///
/// An actor whose executor is that thread, so every GL call happens there and callers on any
/// task just `await`. Volume textures are created on a volume's first render and updated slice by
/// slice on each later render; `release(_:)` frees one, and textures of deallocated volumes are
/// freed on the next render.
public actor RenderEngine {
    private let executor: GLThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let gl: GLState
    private var context: OffscreenContext { gl.context }

    /// Creates the context (the newest core profile OSMesa offers, 4.6 down to 3.3).
    public init() throws(RenderError) {
        gl = GLState(context: try OffscreenContext())
        executor = GLThreadExecutor(name: "Lightbox GL")
    }

    deinit {
        let gl = gl
        executor.finish { gl.free() }
    }

    /// GL_RENDERER and GL_VERSION, e.g. "llvmpipe (LLVM 15.0.6, 256 bits); 4.5 (Core Profile) Mesa 22.3.6".
    public func rendererDescription() throws(RenderError) -> String {
        try bind(width: max(context.width, 1), height: max(context.height, 1))
        return "\(context.string(GL_RENDERER)); \(context.string(GL_VERSION))"
    }

    /// Renders an MPR (plane or slab) of `volume`, first uploading the slices that changed since its last render.
    public func render(_ view: MPRView, of volume: ImageVolume) throws(RenderError) -> Frame {
        try ViewMapping.validate(width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, maxViewport: maxViewport)
        try bind(width: view.width, height: view.height)
        let texture = try currentTexture(for: volume)
        if gl.mprPass == nil { gl.mprPass = try MPRPass() }
        try gl.mprPass?.draw(view, texture: texture, volume: volume)
        return try readFrame()
    }

    /// Renders a ray-cast MIP of `volume`, first uploading the slices that changed since its last render.
    public func render(_ view: MIPView, of volume: ImageVolume) throws(RenderError) -> Frame {
        try ViewMapping.validate(width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, maxViewport: maxViewport)
        try bind(width: view.width, height: view.height)
        let texture = try currentTexture(for: volume)
        if gl.mipPass == nil { gl.mipPass = try MIPPass() }
        try gl.mipPass?.draw(view, texture: texture, volume: volume)
        return try readFrame()
    }

    /// Renders a PET/CT fusion (or its CT-only / PET-only variant) of one plane, first uploading the
    /// slices of either volume that changed since its last render. The CT-only variant is an MPR.
    public func render(_ view: FusionView, ct: ImageVolume, pet: ImageVolume) throws(RenderError) -> FusionFrame {
        try ViewMapping.validate(width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, maxViewport: maxViewport)
        try FusionPass.validate(view, ct: ct, pet: pet)
        let report = FusionReport(view, ct: ct, pet: pet)
        if view.layers == .ctOnly { return FusionFrame(frame: try render(view.ctView, of: ct), report: report) }
        try bind(width: view.width, height: view.height)
        let ctTexture = try currentTexture(for: ct)
        let petTexture = try currentTexture(for: pet)
        if gl.fusionPass == nil { gl.fusionPass = try FusionPass() }
        try gl.fusionPass?.draw(view, ct: ctTexture, of: ct, pet: petTexture, of: pet)
        return FusionFrame(frame: try readFrame(), report: report)
    }

    /// Renders every viewport of `layout` and composes them, with separators, labels and orientation
    /// letters, into one RGBA frame. Volumes may still be streaming: each render uploads what changed.
    public func render(_ layout: Layout) throws(RenderError) -> LayoutFrame {
        try layout.validate()
        var composer = LayoutCompositor(layout)
        var reports: [FusionReport] = []
        for viewport in layout.viewports {
            switch viewport.content {
            case .mpr(let view, let volume):
                composer.place(try render(view, of: volume), in: viewport)
            case .mip(let view, let volume, let colormap):
                composer.place(try render(view, of: volume), in: viewport, recolouredBy: colormap)
            case .fusion(let view, let ct, let pet):
                let fused = try render(view, ct: ct, pet: pet)
                reports.append(fused.report)
                composer.place(fused.frame, in: viewport)
            }
        }
        return LayoutFrame(frame: composer.finish(), fusionReports: reports)
    }

    /// Brings `volume`'s texture up to date without rendering (allocating it on first use).
    public func updateTexture(for volume: ImageVolume) throws(RenderError) {
        try bind(width: max(context.width, 1), height: max(context.height, 1))
        _ = try currentTexture(for: volume)
        glFinish()
    }

    /// Upload counters of `volume`'s texture, or nil when it has none.
    public func textureStatistics(for volume: ImageVolume) -> TextureStatistics? {
        gl.textures[ObjectIdentifier(volume)].flatMap { $0.volume === volume ? $0.statistics : nil }
    }

    /// Frees `volume`'s texture; the next render allocates and uploads it again.
    public func release(_ volume: ImageVolume) {
        gl.textures[ObjectIdentifier(volume)] = nil
    }

    private var maxViewport: Int {
        var dims: [GLint] = [0, 0]
        glGetIntegerv(glEnum(GL_MAX_VIEWPORT_DIMS), &dims)
        return Int(min(dims[0], dims[1]) > 0 ? min(dims[0], dims[1]) : 16384)
    }

    private func bind(width: Int, height: Int) throws(RenderError) {
        try context.makeCurrent(width: width, height: height)
        if gl.vertexArray == 0 {
            glGenVertexArrays(1, &gl.vertexArray)
            glBindVertexArray(gl.vertexArray)
            try glCheck("glBindVertexArray")
        }
    }

    private func currentTexture(for volume: ImageVolume) throws(RenderError) -> VolumeTexture {
        gl.textures = gl.textures.filter { $0.value.volume != nil }
        let key = ObjectIdentifier(volume)
        let texture: VolumeTexture
        if let existing = gl.textures[key], existing.volume === volume {
            texture = existing
        } else {
            texture = try VolumeTexture(volume: volume, maxSize: context.integer(GL_MAX_3D_TEXTURE_SIZE))
            gl.textures[key] = texture
        }
        try texture.sync()
        return texture
    }

    private func readFrame() throws(RenderError) -> Frame {
        let bytes = try context.readPixels()
        guard let frame = try? Frame(width: context.width, height: context.height, rgba8: bytes) else {
            preconditionFailure("readback holds width × height × 4 bytes by construction")
        }
        return frame
    }
}
