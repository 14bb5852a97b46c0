import Foundation
import Volume

/// An oriented plane in patient space (LPS mm): the centre of the output image and the screen axes.
///
/// `right` and `up` are the patient directions of the screen's +x and +y (top); `normal = right × up`
/// points from the plane towards the viewer. The named planes follow the radiological convention:
/// axial seen from the feet, coronal from the front, sagittal from the patient's left.
public struct PlaneSpec: Sendable, Equatable {
    public var centre: Vector3
    /// Unit patient direction of screen right.
    public var right: Vector3
    /// Unit patient direction of screen up, orthogonal to `right`.
    public var up: Vector3

    /// A plane through `centre`; `up` is made orthogonal to `right`, both are normalised.
    public init(centre: Vector3, right: Vector3, up: Vector3) {
        let r = right.normalized
        self.centre = centre
        self.right = r
        self.up = (up - r * up.dot(r)).normalized
    }

    /// Towards the viewer.
    public var normal: Vector3 { right.cross(up) }

    /// Axial, seen from the feet: screen right = patient Left (+x), screen up = Anterior (−y).
    public static func axial(centre: Vector3) -> PlaneSpec {
        PlaneSpec(centre: centre, right: Vector3(1, 0, 0), up: Vector3(0, -1, 0))
    }

    /// Coronal, seen from the front: screen right = patient Left (+x), screen up = Superior (+z).
    public static func coronal(centre: Vector3) -> PlaneSpec {
        PlaneSpec(centre: centre, right: Vector3(1, 0, 0), up: Vector3(0, 0, 1))
    }

    /// Sagittal, seen from the patient's left: screen right = Posterior (+y), screen up = Superior (+z).
    public static func sagittal(centre: Vector3) -> PlaneSpec {
        PlaneSpec(centre: centre, right: Vector3(0, 1, 0), up: Vector3(0, 0, 1))
    }

    /// This plane turned by `angle` radians about `axis` (through `centre`, right-hand rule).
    public func rotated(by angle: Double, about axis: Vector3) -> PlaneSpec {
        let k = axis.normalized
        func turn(_ v: Vector3) -> Vector3 {
            v * cos(angle) + k.cross(v) * sin(angle) + k * (k.dot(v) * (1 - cos(angle)))
        }
        return PlaneSpec(centre: centre, right: turn(right), up: turn(up))
    }

    /// The same orientation moved by `distance` mm along the normal (towards the viewer when positive).
    public func moved(by distance: Double) -> PlaneSpec {
        var copy = self
        copy.centre += normal * distance
        return copy
    }
}

extension VolumeGeometry {
    /// The centre of the box spanned by the voxel centres, LPS mm.
    public var centre: Vector3 { world(Double(dimensions.x - 1) / 2, Double(dimensions.y - 1) / 2, Double(dimensions.z - 1) / 2) }

    /// Width of the volume's box (voxel edges, not centres) measured along `direction`, mm.
    func extent(along direction: Vector3) -> Double {
        let d = direction.normalized
        return abs(iDirection.dot(d)) * spacing.x * Double(dimensions.x)
            + abs(jDirection.dot(d)) * spacing.y * Double(dimensions.y)
            + abs(kDirection.dot(d)) * spacing.z * Double(dimensions.z)
    }

    /// Smallest of the three voxel spacings.
    var smallestSpacing: Double { min(spacing.x, spacing.y, sliceStepAlongNormal) }
}
