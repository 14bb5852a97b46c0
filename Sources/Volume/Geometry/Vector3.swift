/// A point or direction in patient space (LPS, millimetres) or in voxel index space.
public typealias Vector3 = SIMD3<Double>

extension SIMD3 where Scalar == Double {
    /// The dot product.
    @inlinable public func dot(_ other: Vector3) -> Double { (self * other).sum() }

    /// The cross product (right-handed).
    @inlinable public func cross(_ other: Vector3) -> Vector3 {
        Vector3(y * other.z - z * other.y, z * other.x - x * other.z, x * other.y - y * other.x)
    }

    /// The Euclidean length.
    @inlinable public var length: Double { dot(self).squareRoot() }

    /// This vector scaled to unit length (unchanged when its length is zero).
    @inlinable public var normalized: Vector3 {
        let l = length
        return l > 0 ? self / l : self
    }

    /// The largest absolute component.
    @inlinable public var maxMagnitude: Double { Swift.max(Swift.abs(x), Swift.abs(y), Swift.abs(z)) }

    /// True when every component is finite.
    @inlinable public var isFinite: Bool { x.isFinite && y.isFinite && z.isFinite }
}
