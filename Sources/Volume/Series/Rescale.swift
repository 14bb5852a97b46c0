/// The modality LUT of an image: stored value × slope + intercept = output value (e.g. HU, Bq/ml).
public struct Rescale: Sendable, Equatable, Hashable {
    public var slope: Double
    public var intercept: Double
    /// RescaleType or the modality's implied unit ("HU", "BQML", "US" when unspecified).
    public var type: String?

    public init(slope: Double = 1, intercept: Double = 0, type: String? = nil) {
        self.slope = slope
        self.intercept = intercept
        self.type = type
    }

    public static let identity = Rescale()

    /// Applies the transform to a stored value.
    @inlinable public func apply(_ stored: Double) -> Double { stored * slope + intercept }
}
