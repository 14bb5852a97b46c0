/// The grid of a volume in patient space: its size in voxels and the index→LPS mm transform.
///
/// Index (i, j, k) is (column, row, slice); voxel centres sit at integer indices.
public struct VolumeGeometry: Sendable, Equatable {
    /// Columns, rows and slices.
    public var dimensions: SIMD3<Int>
    /// Millimetres between voxel centres along i, j and k (k is the measured slice step).
    public var spacing: Vector3
    /// World position of voxel (0, 0, 0).
    public var origin: Vector3
    /// Unit directions of increasing i, j and k in patient space.
    public var iDirection: Vector3
    public var jDirection: Vector3
    public var kDirection: Vector3

    public init(
        dimensions: SIMD3<Int>, spacing: Vector3, origin: Vector3,
        iDirection: Vector3, jDirection: Vector3, kDirection: Vector3
    ) {
        self.dimensions = dimensions
        self.spacing = spacing
        self.origin = origin
        self.iDirection = iDirection
        self.jDirection = jDirection
        self.kDirection = kDirection
    }

    /// Index (i, j, k) → patient LPS mm.
    public var indexToWorld: Matrix4 {
        Matrix4(
            x: iDirection * spacing.x, y: jDirection * spacing.y, z: kDirection * spacing.z,
            translation: origin)
    }

    /// Patient LPS mm → continuous index. The grid's directions are validated non-degenerate.
    public var worldToIndex: Matrix4 { indexToWorld.affineInverse ?? .identity }

    /// Number of voxels.
    public var voxelCount: Int { dimensions.x * dimensions.y * dimensions.z }

    /// Voxels in one slice.
    public var sliceVoxelCount: Int { dimensions.x * dimensions.y }

    /// World position of a voxel centre.
    public func world(_ i: Double, _ j: Double, _ k: Double) -> Vector3 {
        indexToWorld.transformPoint(Vector3(i, j, k))
    }

    /// The eight corner voxel centres in world space.
    public var cornerCentres: [Vector3] {
        let d = dimensions &- 1
        var out: [Vector3] = []
        for k in [0, d.z] { for j in [0, d.y] { for i in [0, d.x] {
            out.append(world(Double(i), Double(j), Double(k)))
        } } }
        return out
    }

    /// The extent of the grid along each axis from first to last voxel centre, mm.
    public var extent: Vector3 { Vector3(dimensions &- 1) * spacing }
}

extension SIMD3 where Scalar == Double {
    /// Converts an integer vector.
    @inlinable public init(_ v: SIMD3<Int>) { self.init(Double(v.x), Double(v.y), Double(v.z)) }
}
