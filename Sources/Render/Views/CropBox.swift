import Volume

/// An axis-aligned box in patient space (LPS mm) that a volume rendering keeps: samples outside it are not drawn.
public struct CropBox: Sendable, Equatable {
    public var lower: Vector3
    public var upper: Vector3

    public init(lower: Vector3, upper: Vector3) {
        self.lower = lower
        self.upper = upper
    }

    /// One end of a crop interval: millimetres along the patient axis, or a share (0…1) of the volume's extent on it.
    public enum Bound: Sendable, Equatable {
        case millimetres(Double)
        case fraction(Double)
    }

    /// The box of bounds (x lower, x upper, y lower, y upper, z lower, z upper), shares taken of the span of
    /// `geometry`'s corner voxel centres. Throws `RenderError.invalidView` unless each lower bound is below its upper.
    public static func resolve(_ bounds: [Bound], in geometry: VolumeGeometry) throws(RenderError) -> CropBox {
        guard bounds.count == 6 else { throw .invalidView(reason: "a crop box needs 6 bounds: x, y and z, lower and upper each") }
        let corners = geometry.cornerCentres
        var lower = Vector3(repeating: 0), upper = Vector3(repeating: 0)
        for axis in 0..<3 {
            let along = corners.map { $0[axis] }
            let low = along.min() ?? 0, high = along.max() ?? 0
            func mm(_ b: Bound) -> Double {
                switch b {
                case .millimetres(let v): return v
                case .fraction(let f): return low + f * (high - low)
                }
            }
            lower[axis] = mm(bounds[2 * axis])
            upper[axis] = mm(bounds[2 * axis + 1])
            guard lower[axis] < upper[axis] else {
                throw .invalidView(reason: "crop \(["x", "y", "z"][axis]) from \(lower[axis]) to \(upper[axis]) mm keeps nothing; the lower bound must be below the upper")
            }
        }
        return CropBox(lower: lower, upper: upper)
    }
}
