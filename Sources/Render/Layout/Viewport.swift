import Volume

/// One rectangle of a `Layout`: what it shows, where (top-left corner in the layout frame), and its annotations.
/// Its size is the size of its view.
public struct Viewport: Sendable {
    /// What a viewport renders.
    public enum Content: Sendable {
        /// A plane or slab of one volume, grey under its window.
        case mpr(MPRView, ImageVolume)
        /// A ray-cast MIP; its grey levels are then looked up in `colormap` (`.grey` keeps them).
        case mip(MIPView, ImageVolume, colormap: Colormap)
        /// A PET/CT fusion or one of its single-layer variants.
        case fusion(FusionView, ct: ImageVolume, pet: ImageVolume)
        /// A composite volume rendering.
        case volume(VolumeRenderView, ImageVolume)
    }

    public var content: Content
    public var x: Int
    public var y: Int
    /// Drawn small at the top-left corner, e.g. "CT"; nil for none.
    public var label: String?
    /// R/L/A/P/S/I at the middle of each edge, naming the patient direction that edge faces.
    public var orientationLetters: Bool

    public init(_ content: Content, x: Int = 0, y: Int = 0, label: String? = nil, orientationLetters: Bool = true) {
        self.content = content
        self.x = x
        self.y = y
        self.label = label
        self.orientationLetters = orientationLetters
    }

    /// The plane the view is drawn in (for a MIP, the plane it looks through).
    public var plane: PlaneSpec {
        switch content {
        case .mpr(let view, _): return view.plane
        case .mip(let view, _, _): return view.plane
        case .fusion(let view, _, _): return view.plane
        case .volume(let view, _): return view.plane
        }
    }

    public var width: Int {
        switch content {
        case .mpr(let view, _): return view.width
        case .mip(let view, _, _): return view.width
        case .fusion(let view, _, _): return view.width
        case .volume(let view, _): return view.width
        }
    }

    /// Millimetres per output pixel of the view.
    var pixelSpacing: Double {
        switch content {
        case .mpr(let view, _): return view.pixelSpacing
        case .mip(let view, _, _): return view.pixelSpacing
        case .fusion(let view, _, _): return view.pixelSpacing
        case .volume(let view, _): return view.pixelSpacing
        }
    }

    public var height: Int {
        switch content {
        case .mpr(let view, _): return view.height
        case .mip(let view, _, _): return view.height
        case .fusion(let view, _, _): return view.height
        case .volume(let view, _): return view.height
        }
    }
}
