import Volume

/// A slab around an MPR plane: `thickness` mm along the plane normal, reduced by `mode`.
///
/// Sampling rule: step = the volume's spacing along the slab normal when the normal is parallel to one of its
/// sampling axes (within 1e-6: the row or column direction, or the slice normal, whose spacing is the step between
/// slices along it, so a tilted stack steps by its true slice distance), else the smallest of the three spacings; N = max(1, round(thickness / step))
/// samples (round half away from zero) at offsets (n − (N − 1)/2) × step, n = 0 … N − 1, so the samples are
/// centred on the plane. A plane through voxel centres with thickness k × spacing covers exactly k slices.
/// Samples outside the volume, or without data in the frame's load snapshot, are left out; a pixel with none is black.
public struct Slab: Sendable, Equatable {
    /// How the samples across the slab are combined.
    public enum Mode: Int, Sendable, Equatable {
        /// Maximum intensity projection.
        case maximum = 0
        /// Minimum intensity projection.
        case minimum = 1
        /// Mean of the rescaled values.
        case average = 2
    }

    public var thickness: Double
    public var mode: Mode

    public init(thickness: Double, mode: Mode) {
        self.thickness = thickness
        self.mode = mode
    }

    /// The sample step along `normal` for `geometry`, mm (see the rule above).
    public static func step(along normal: Vector3, in geometry: VolumeGeometry) -> Double {
        let n = normal.normalized
        for (axis, spacing) in geometry.samplingAxes where abs(abs(axis.dot(n)) - 1) < 1e-6 { return spacing }
        return geometry.smallestSpacing
    }

    /// N for a given step.
    public func sampleCount(step: Double) -> Int {
        max(1, Int((thickness / step).rounded()))
    }

    /// Sample offsets along the normal, mm, centred on the plane.
    public func offsets(step: Double) -> [Double] {
        let count = sampleCount(step: step)
        return (0..<count).map { (Double($0) - Double(count - 1) / 2) * step }
    }
}
