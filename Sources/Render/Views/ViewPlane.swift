import Volume

/// The orientation of an MPR plane, by name: the patient planes in the radiological convention, the
/// stored slice plane as stored, or an oblique plane with its normal (and optionally its screen-up).
public enum ViewPlane: Sendable, Equatable {
    case axial, coronal, sagittal
    /// The stored slice plane: rows to the right, columns down, as stored.
    case acquisition
    /// A plane with `normal` (towards the viewer) and `up` (default superior, or anterior when the normal is nearly superior).
    case oblique(normal: Vector3, up: Vector3?)
}

/// Where a plane sits along its axis.
public enum PlanePosition: Sendable, Equatable {
    /// Millimetres along the patient axis of a named plane (z axial, y coronal, x sagittal), from the first slice's
    /// plane along the slice normal for the acquisition plane, from the volume centre along the normal when oblique.
    case millimetres(Double)
    /// A share (0…1) of the volume's extent along that axis.
    case fraction(Double)
    /// Through the centre of stored slice K (0-based, in stack order).
    case slice(Int)
}

extension PlaneSpec {
    /// The plane `orientation` of `geometry`, through its centre (the middle stored slice for the acquisition
    /// plane) or moved to `position`. Throws `RenderError.invalidView` for a slice index outside the volume.
    public static func make(_ orientation: ViewPlane, position: PlanePosition?, in geometry: VolumeGeometry) throws(RenderError) -> PlaneSpec {
        let d = geometry.dimensions
        func sliceCentre(_ k: Int) -> Vector3 { geometry.sliceWorld(Double(d.x - 1) / 2, Double(d.y - 1) / 2, slice: k) }
        var centre = orientation == .acquisition ? sliceCentre(d.z / 2) : geometry.centre
        var plane: PlaneSpec
        let axis: Vector3
        switch orientation {
        case .axial: plane = .axial(centre: centre); axis = Vector3(0, 0, 1)
        case .coronal: plane = .coronal(centre: centre); axis = Vector3(0, 1, 0)
        case .sagittal: plane = .sagittal(centre: centre); axis = Vector3(1, 0, 0)
        case .acquisition:
            plane = PlaneSpec(centre: centre, right: geometry.iDirection, up: -geometry.jDirection)
            axis = geometry.sliceNormal
        case .oblique(let normal, let up):
            let fallbackUp = abs(normal.normalized.dot(Vector3(0, 0, 1))) > 0.9 ? Vector3(0, -1, 0) : Vector3(0, 0, 1)
            let u = up ?? fallbackUp
            plane = PlaneSpec(centre: centre, right: u.cross(normal), up: u)
            axis = plane.normal
        }
        guard let position else { return plane }
        let target: Double
        switch position {
        case .slice(let k):
            guard k >= 0, k < d.z else {
                throw .invalidView(reason: "slice \(k) is outside the volume's \(d.z) slices (0…\(d.z - 1))")
            }
            target = sliceCentre(k).dot(axis)
        case .millimetres(let mm):
            switch orientation {
            case .acquisition: target = geometry.sliceWorld(0, 0, slice: 0).dot(axis) + mm
            case .oblique: target = centre.dot(axis) + mm
            default: target = mm
            }
        case .fraction(let f):
            let along = geometry.cornerCentres.map { $0.dot(axis) }
            let low = along.min() ?? 0, high = along.max() ?? 0
            target = low + f * (high - low)
        }
        centre += axis * (target - centre.dot(axis))
        plane.centre = centre
        return plane
    }
}
