/// A PET/CT fusion of one plane (or slab): CT in grey under its VOI window, PET through a colormap on top.
///
/// Pixel layout as `MPRView`. Each output pixel's world point is mapped into each volume with that
/// volume's own world→index transform, so the two grids never need to match. Per pixel:
/// grey = voi(CT); v = PET × `units.factor`; the PET layer is present where the PET has data (inside the
/// PET volume, on slices of the frame's load snapshot: see `UnloadedSlices`) and v > `threshold`, with colour = colormap[petWindow.index(v)] and alpha `opacity`;
/// output = grey × (1 − alpha) + colour × alpha, each channel rounded to 8 bits. A slab reduces CT and
/// PET separately (each at its own `Slab.step`) before blending, so the opacity does not depend on it.
public struct FusionView: Sendable, Equatable {
    /// Which layers a frame shows.
    public enum Layers: Sendable, Equatable {
        /// CT with the PET overlay.
        case fused
        /// CT alone (rendered as the equivalent `MPRView`).
        case ctOnly
        /// PET alone through the colormap, opaque, every value (the threshold does not apply); black where the PET has no data.
        case petOnly
    }

    public var plane: PlaneSpec
    public var width: Int
    public var height: Int
    /// Millimetres per output pixel, both directions.
    public var pixelSpacing: Double
    public var ctWindow: VOIWindow
    /// In display units (see `units`).
    public var petWindow: PETWindow
    public var colormap: Colormap
    /// PET layer opacity, 0 … 1.
    public var opacity: Double
    /// PET display values at or below this are transparent (fused only).
    public var threshold: Double
    public var units: PETUnits
    public var layers: Layers
    public var sampling: Sampling
    /// nil for a single plane.
    public var slab: Slab?
    /// Fuse a CT and a PET even when their frames of reference differ (see `checkFramesOfReference`).
    public var allowDifferentFrames: Bool

    /// `threshold` defaults to the PET window's lower end.
    public init(
        plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double, ctWindow: VOIWindow = .mediastinum,
        petWindow: PETWindow = .suv0to6, colormap: Colormap = .hotIron, opacity: Double = 0.5, threshold: Double? = nil,
        units: PETUnits, layers: Layers = .fused, sampling: Sampling = .linear, slab: Slab? = nil,
        allowDifferentFrames: Bool = false
    ) {
        self.plane = plane
        self.width = width
        self.height = height
        self.pixelSpacing = pixelSpacing
        self.ctWindow = ctWindow
        self.petWindow = petWindow
        self.colormap = colormap
        self.opacity = opacity
        self.threshold = threshold ?? petWindow.lower
        self.units = units
        self.layers = layers
        self.sampling = sampling
        self.slab = slab
        self.allowDifferentFrames = allowDifferentFrames
    }

    /// The CT layer alone as an MPR view.
    public var ctView: MPRView {
        MPRView(plane: plane, width: width, height: height, pixelSpacing: pixelSpacing, window: ctWindow, sampling: sampling, slab: slab)
    }
}
