import CGL
import Raster
import Segmentation
import Volume

/// The headless renderer: one OSMesa context, owned by one dedicated thread, and the volume textures on it.
///
/// An actor whose executor is that thread, so every GL call happens there and callers on any
/// task just `await`. Volume textures are created on a volume's first render and updated slice by
/// slice on each later render; `release(_:)` frees one, and textures of deallocated volumes are
/// freed on the next render. Every frame is drawn from one load snapshot per volume (`LoadSnapshot`):
/// only slices published as loaded in it are sampled, the same ones in every viewport.
public actor RenderEngine {
    private let executor: GLThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let gl: GLState
    private var context: OffscreenContext { gl.context }

    /// Limits for volume textures; nil for GL_MAX_3D_TEXTURE_SIZE and the default budget (`TextureLimits`).
    private let textureLimits: TextureLimits?

    /// Creates the context (the newest core profile OSMesa offers, 4.6 down to 3.3). `textureLimits` below the
    /// driver's own lay smaller volumes out as atlases of blocks (`TextureAtlas`), e.g. to test that layout.
    public init(textureLimits: TextureLimits? = nil) throws(RenderError) {
        self.textureLimits = textureLimits
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

    /// Renders an MPR (plane or slab) of `volume` from one snapshot of its load state, taken now.
    public func render(_ view: MPRView, of volume: ImageVolume) throws(RenderError) -> Frame {
        try ViewMapping.validate(width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, maxViewport: maxViewport)
        try bind(width: view.width, height: view.height)
        let textures = try prepare([(volume, .none)], snapshots: [], unloaded: .background)
        try draw(view, of: volume, textures)
        return try readFrame()
    }

    /// Renders a ray-cast MIP of `volume` from one snapshot of its load state, taken now.
    public func render(_ view: MIPView, of volume: ImageVolume) throws(RenderError) -> Frame {
        try ViewMapping.validate(width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, maxViewport: maxViewport)
        try bind(width: view.width, height: view.height)
        let textures = try prepare([(volume, .maxima)], snapshots: [], unloaded: .background)
        try draw(view, of: volume, colormap: .grey, textures)
        return try readFrame()
    }

    /// Renders a composite volume rendering of `volume` from one snapshot of its load state, taken now.
    public func render(_ view: VolumeRenderView, of volume: ImageVolume) throws(RenderError) -> Frame {
        try ViewMapping.validate(width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, maxViewport: maxViewport)
        try view.validate()
        try bind(width: view.width, height: view.height)
        let textures = try prepare([(volume, .range)], snapshots: [], unloaded: .background)
        try draw(view, of: volume, textures)
        return try readFrame()
    }

    /// Renders a PET/CT fusion (or its CT-only / PET-only variant) of one plane from one snapshot of each
    /// volume's load state, taken now. The CT-only variant is an MPR.
    public func render(_ view: FusionView, ct: ImageVolume, pet: ImageVolume) throws(RenderError) -> FusionFrame {
        try ViewMapping.validate(width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, maxViewport: maxViewport)
        try FusionPass.validate(view, ct: ct, pet: pet)
        try bind(width: view.width, height: view.height)
        let textures = try prepare([(ct, .none), (pet, .none)], snapshots: [], unloaded: .background)
        let report = try draw(view, ct: ct, pet: pet, textures)
        return FusionFrame(frame: try readFrame(), report: report)
    }

    /// Renders every viewport of `layout` and composes them, with separators, labels and orientation
    /// letters, into one RGBA frame.
    ///
    /// The frame is drawn from one load snapshot per volume: `snapshots` where given (each must be of a
    /// volume the layout shows, at most one per volume; e.g. `volume.snapshot().restricted(to:)` for the
    /// first slices of a retrieval order), else one taken when the frame starts. Every texture is brought to
    /// its snapshot before the first viewport is drawn and not touched again, so all viewports see the same
    /// slices; slices outside a snapshot are drawn as `layout.unloadedSlices` says. The result names the
    /// snapshots drawn.
    public func render(_ layout: Layout, snapshots: [LoadSnapshot] = []) throws(RenderError) -> LayoutFrame {
        try layout.validate()
        for viewport in layout.viewports {
            try ViewMapping.validate(width: viewport.width, height: viewport.height, pixelSpacing: viewport.pixelSpacing, maxViewport: maxViewport)
            if case .fusion(let view, let ct, let pet) = viewport.content { try FusionPass.validate(view, ct: ct, pet: pet) }
            if case .volume(let view, _) = viewport.content { try view.validate() }
        }
        try bind(width: max(context.width, 1), height: max(context.height, 1))
        let textures = try prepare(layout.volumes, snapshots: snapshots, unloaded: layout.unloadedSlices)
        var composer = LayoutCompositor(layout)
        var reports: [FusionReport] = []
        for viewport in layout.viewports {
            try bind(width: viewport.width, height: viewport.height)
            let (section, afterwards) = try segmentations(layout.segmentations, of: viewport)
            switch viewport.content {
            case .mpr(let view, let volume):
                try draw(view, of: volume, textures)
            case .mip(let view, let volume, let colormap):
                try draw(view, of: volume, colormap: colormap, textures)
            case .fusion(let view, let ct, let pet):
                reports.append(try draw(view, ct: ct, pet: pet, textures))
            case .volume(let view, let volume):
                try draw(view, of: volume, textures)
            }
            try section?.draw()
            try drawSegmentations(afterwards, in: viewport)
            composer.place(try readFrame(), in: viewport)
        }
        var frame = composer.finish()
        if layout.segmentationLegend { SegmentationLegend.draw(layout.segmentations, into: &frame) }
        return LayoutFrame(frame: frame, fusionReports: reports, snapshots: textures.drawn, unloadedSlices: layout.unloadedSlices)
    }

    /// Brings `volume`'s texture to its load state now, without rendering (allocating it on first use).
    public func updateTexture(for volume: ImageVolume) throws(RenderError) {
        try bind(width: max(context.width, 1), height: max(context.height, 1))
        _ = try prepare([(volume, .none)], snapshots: [], unloaded: .background)
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

    /// Takes a snapshot of each volume that `snapshots` does not cover (all before any texture is touched),
    /// then brings each volume's texture to its snapshot, with the brick extremes its views need.
    private func prepare(
        _ volumes: [(volume: ImageVolume, bricks: BrickNeed)], snapshots: [LoadSnapshot], unloaded: UnloadedSlices
    ) throws(RenderError) -> FrameTextures {
        var given: [ObjectIdentifier: LoadSnapshot] = [:]
        for snapshot in snapshots {
            guard let volume = volumes.first(where: { snapshot.isSnapshot(of: $0.volume) })?.volume else {
                throw .snapshotMismatch(volumeID: snapshot.volumeID, reason: "no viewport of the layout shows that volume")
            }
            guard given.updateValue(snapshot, forKey: ObjectIdentifier(volume)) == nil else {
                throw .snapshotMismatch(volumeID: snapshot.volumeID, reason: "two snapshots were given for it")
            }
        }
        let taken = volumes.map { given[ObjectIdentifier($0.volume)] ?? $0.volume.snapshot() }
        gl.textures = gl.textures.filter { $0.value.volume != nil }
        var textures = FrameTextures()
        for ((volume, bricks), snapshot) in zip(volumes, taken) {
            let texture = try texture(for: volume)
            textures.add(texture, of: volume, showing: try texture.sync(to: snapshot, unloaded: unloaded, bricks: bricks))
        }
        return textures
    }

    private func texture(for volume: ImageVolume) throws(RenderError) -> VolumeTexture {
        let key = ObjectIdentifier(volume)
        if let existing = gl.textures[key], existing.volume === volume { return existing }
        let made = try VolumeTexture(volume: volume, limits: textureLimits ?? TextureLimits(maxSize: context.integer(GL_MAX_3D_TEXTURE_SIZE)))
        gl.textures[key] = made
        return made
    }

    /// Draws an MPR of a prepared volume into the bound buffer.
    private func draw(_ view: MPRView, of volume: ImageVolume, _ textures: FrameTextures) throws(RenderError) {
        if gl.mprPass == nil { gl.mprPass = try MPRPass() }
        try gl.mprPass?.draw(view, texture: textures[volume], volume: textures.sampled(volume))
    }

    private func draw(_ view: MIPView, of volume: ImageVolume, colormap: Colormap, _ textures: FrameTextures) throws(RenderError) {
        if gl.mipPass == nil { gl.mipPass = try MIPPass(colormaps: gl.colormaps) }
        try gl.mipPass?.draw(view, texture: textures[volume], volume: textures.sampled(volume), colormap: colormap)
    }

    private func draw(_ view: VolumeRenderView, of volume: ImageVolume, _ textures: FrameTextures) throws(RenderError) {
        if gl.volumeRenderPass == nil { gl.volumeRenderPass = try VolumeRenderPass() }
        try gl.volumeRenderPass?.draw(view, texture: textures[volume], volume: textures.sampled(volume))
    }

    private func draw(_ view: FusionView, ct: ImageVolume, pet: ImageVolume, _ textures: FrameTextures) throws(RenderError) -> FusionReport {
        let report = FusionReport(view, ct: textures.snapshot(of: ct), pet: textures.snapshot(of: pet))
        if view.layers == .ctOnly {
            try draw(view.ctView, of: ct, textures)
            return report
        }
        if gl.fusionPass == nil { gl.fusionPass = try FusionPass(colormaps: gl.colormaps) }
        try gl.fusionPass?.draw(view, ct: textures[ct], of: textures.sampled(ct), pet: textures[pet], of: textures.sampled(pet))
        return report
    }

    /// Who draws `overlays` on `viewport`: on an MPR or fusion view the first is drawn by `SectionOverlay` (one pass in
    /// the pixels where the plane meets its labelled voxels) and the others by `OverlayPass` after it (`afterwards`); a
    /// MIP's all go to `OverlayPass`, a volume rendering's nowhere.
    private func segmentations(
        _ overlays: [SegmentationOverlay], of viewport: Viewport
    ) throws(RenderError) -> (section: SectionOverlay?, afterwards: [SegmentationOverlay]) {
        guard let first = overlays.first else { return (nil, []) }
        switch viewport.content {
        case .volume: return (nil, [])
        case .mip: return (nil, overlays)
        case .mpr, .fusion:
            let section = SectionOverlay(
                pass: try overlayPass(), overlay: first, labels: try labelTexture(for: first.labels), plane: viewport.plane,
                width: viewport.width, height: viewport.height, pixelSpacing: viewport.pixelSpacing)
            return (section, Array(overlays.dropFirst()))
        }
    }

    /// Draws `overlays` over the viewport's view in the bound buffer with `OverlayPass`: the section through its
    /// plane, for a MIP the projection along its rays.
    private func drawSegmentations(_ overlays: [SegmentationOverlay], in viewport: Viewport) throws(RenderError) {
        guard !overlays.isEmpty else { return }
        let projection: Bool
        if case .mip = viewport.content { projection = true } else { projection = false }
        let pass = try overlayPass()
        for overlay in overlays {
            try pass.draw(
                overlay, labels: try labelTexture(for: overlay.labels), plane: viewport.plane, width: viewport.width,
                height: viewport.height, pixelSpacing: viewport.pixelSpacing, projection: projection)
        }
    }

    private func overlayPass() throws(RenderError) -> OverlayPass {
        if let pass = gl.overlayPass { return pass }
        let made = try OverlayPass()
        gl.overlayPass = made
        return made
    }

    /// The label texture of `labels`, uploaded on first use (textures of deallocated label volumes are freed first).
    private func labelTexture(for labels: LabelVolume) throws(RenderError) -> LabelTexture {
        gl.labelTextures = gl.labelTextures.filter { $0.value.labels != nil }
        let key = ObjectIdentifier(labels)
        if let existing = gl.labelTextures[key], existing.labels === labels { return existing }
        let made = try LabelTexture(labels, maxSize: textureLimits?.maxSize ?? context.integer(GL_MAX_3D_TEXTURE_SIZE))
        gl.labelTextures[key] = made
        return made
    }

    private func readFrame() throws(RenderError) -> Frame {
        let bytes = try context.readPixels()
        guard let frame = try? Frame(width: context.width, height: context.height, rgba8: bytes) else {
            preconditionFailure("readback holds width × height × 4 bytes by construction")
        }
        return frame
    }
}
