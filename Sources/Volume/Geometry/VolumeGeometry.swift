import Foundation

/// The grid of a volume in patient space: its size in voxels and the index→LPS mm transform.
///
/// Index (i, j, k) is (column, row, slice); voxel centres sit at integer indices. The transform is a
/// general affine: `kDirection` is the direction of the step from one slice to the next, which is not
/// the slice normal when the stack is sheared (constant gantry tilt). When the slices do not lie on one
/// uniform grid within the fitting tolerance (uneven steps, missing slices, a tilt that varies),
/// `sliceStack` holds each slice's true position; the affine is then the best fit, used for framing
/// views and for reports, and the renderer samples through the true positions.
public struct VolumeGeometry: Sendable, Equatable {
    /// Columns, rows and slices.
    public var dimensions: SIMD3<Int>
    /// Millimetres between voxel centres along i, j and k (k: the length of the step between slices).
    public var spacing: Vector3
    /// World position of voxel (0, 0, 0).
    public var origin: Vector3
    /// Unit directions of increasing i, j and k in patient space.
    public var iDirection: Vector3
    public var jDirection: Vector3
    public var kDirection: Vector3
    /// Each slice's true position, when the slices are not on the affine grid; nil when they are.
    public var sliceStack: SliceStack?
    /// Largest distance of a slice's true position from its place on the affine grid, mm.
    public var gridDeviation: Double

    public init(
        dimensions: SIMD3<Int>, spacing: Vector3, origin: Vector3,
        iDirection: Vector3, jDirection: Vector3, kDirection: Vector3,
        sliceStack: SliceStack? = nil, gridDeviation: Double = 0
    ) {
        self.dimensions = dimensions
        self.spacing = spacing
        self.origin = origin
        self.iDirection = iDirection
        self.jDirection = jDirection
        self.kDirection = kDirection
        self.sliceStack = sliceStack
        self.gridDeviation = gridDeviation
    }

    /// The normal of the stored slice plane (row direction × column direction).
    public var sliceNormal: Vector3 { iDirection.cross(jDirection).normalized }

    /// Millimetres between neighbouring slices along the slice normal (for an irregular stack, its nominal step).
    public var sliceStepAlongNormal: Double {
        sliceStack?.nominalStep ?? abs(kDirection.dot(sliceNormal)) * spacing.z
    }

    /// The angle between the slice step and the slice normal, degrees (gantry tilt; 0 for an orthogonal grid).
    public var shearDegrees: Double {
        let n = sliceNormal
        return atan2(kDirection.cross(n).length, abs(kDirection.dot(n))) * 180 / .pi
    }

    /// The three sampling axes and their spacings: the in-plane directions and the slice normal with the step
    /// along it. Slab and MIP step rules use these, so a tilted stack steps by its true slice distance.
    public var samplingAxes: [(direction: Vector3, spacing: Double)] {
        [(iDirection, spacing.x), (jDirection, spacing.y), (sliceNormal, sliceStepAlongNormal)]
    }

    /// World position of pixel (i, j) of stored slice k: exact for every stack, regular or not.
    public func sliceWorld(_ i: Double, _ j: Double, slice k: Int) -> Vector3 {
        guard let stack = sliceStack else { return world(i, j, Double(k)) }
        return stack.positions[k] + iDirection * (i * spacing.x) + jDirection * (j * spacing.y)
    }

    /// The index→LPS affine as 16 numbers, row-major, mapping (column, row, slice, 1) to (x, y, z, 1).
    public var affineRowMajor: [Double] {
        let m = indexToWorld
        return (0..<4).flatMap { r in (0..<4).map { c in m[r, c] } }
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

    /// The eight corner voxel centres in world space (true slice positions for an irregular stack).
    public var cornerCentres: [Vector3] {
        let d = dimensions &- 1
        var out: [Vector3] = []
        for k in [0, d.z] { for j in [0, d.y] { for i in [0, d.x] {
            out.append(sliceWorld(Double(i), Double(j), slice: k))
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
