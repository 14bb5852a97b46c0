/// A DICOM linear VOI LUT window (PS3.3 C.11.2.1.2.1) mapping rescaled values to 8-bit grey.
///
/// For value x, centre c, width w:
/// x ≤ c − 0.5 − (w − 1)/2 → 0; x > c − 0.5 + (w − 1)/2 → 255;
/// otherwise y = ((x − (c − 0.5)) / (w − 1) + 0.5) × 255, rounded half up (⌊y + 0.5⌋).
/// The shader (`voi.glsl`) evaluates the same expression in the same form,
/// `(x − lower) × 255 / (w − 1)`, so for integral x, 2c and w (every stored CT value under the
/// usual windows) both sides compute the exact quotient and agree pixel for pixel.
public struct VOIWindow: Sendable, Equatable, Hashable {
    public var centre: Double
    /// At least 1, as DICOM requires.
    public var width: Double

    public init(centre: Double, width: Double) {
        self.centre = centre
        self.width = max(1, width)
    }

    public static let lung = VOIWindow(centre: -600, width: 1500)
    public static let mediastinum = VOIWindow(centre: 40, width: 400)
    public static let bone = VOIWindow(centre: 400, width: 1800)
    public static let brain = VOIWindow(centre: 40, width: 80)

    /// Values at or below this map to 0.
    public var lower: Double { centre - 0.5 - (width - 1) / 2 }
    /// Values above this map to 255.
    public var upper: Double { centre - 0.5 + (width - 1) / 2 }

    /// The 8-bit output for a rescaled value.
    public func apply(_ x: Double) -> UInt8 {
        if x <= lower { return 0 }
        if x > upper { return 255 }
        let y = (x - lower) * 255 / (width - 1)
        return UInt8((y + 0.5).rounded(.down))
    }
}
