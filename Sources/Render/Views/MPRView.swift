import Volume

/// A multiplanar reconstruction: one plane (or a slab around it) resampled onto a square-pixel grid.
///
/// Output pixel (column c, row r; row 0 at the top) has its centre at
/// `plane.centre + right × (c + ½ − width/2) × pixelSpacing + up × (height/2 − r − ½) × pixelSpacing`.
public struct MPRView: Sendable, Equatable {
    public var plane: PlaneSpec
    public var width: Int
    public var height: Int
    /// Millimetres per output pixel, both directions.
    public var pixelSpacing: Double
    public var window: VOIWindow
    public var sampling: Sampling
    /// nil for a single plane.
    public var slab: Slab?

    public init(
        plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double, window: VOIWindow,
        sampling: Sampling = .linear, slab: Slab? = nil
    ) {
        self.plane = plane
        self.width = width
        self.height = height
        self.pixelSpacing = pixelSpacing
        self.window = window
        self.sampling = sampling
        self.slab = slab
    }

    /// A view whose square pixels are just large enough to show the volume's whole extent along the plane's axes.
    public init(
        plane: PlaneSpec, fitting geometry: VolumeGeometry, width: Int, height: Int, window: VOIWindow,
        sampling: Sampling = .linear, slab: Slab? = nil
    ) {
        let spacing = max(geometry.extent(along: plane.right) / Double(width), geometry.extent(along: plane.up) / Double(height))
        self.init(plane: plane, width: width, height: height, pixelSpacing: spacing, window: window, sampling: sampling, slab: slab)
    }
}
