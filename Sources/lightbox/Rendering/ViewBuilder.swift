import Foundation
import Render
import Volume

/// Turns command-line view choices into patient-space view definitions for one volume.
struct ViewBuilder {
    var kind: ViewKind
    var position: ValueSyntax.Position?
    var normal: Vector3?
    var up: Vector3?
    var slab: Slab?
    var angleDegrees: Double
    var width: Int
    var height: Int
    var sampling: Sampling

    /// The plane of an MPR view through `geometry`, following the radiological display convention; the
    /// acquisition view shows the stored slice plane as stored (rows to the right, columns down).
    func plane(for geometry: VolumeGeometry) throws -> PlaneSpec {
        var centre = geometry.centre
        if kind == .acquisition {
            // Through the middle stored slice's own plane (its true position in an irregular stack).
            let d = geometry.dimensions
            centre = geometry.sliceWorld(Double(d.x - 1) / 2, Double(d.y - 1) / 2, slice: d.z / 2)
        }
        var plane: PlaneSpec
        switch kind {
        case .axial, .mip, .fusion, .layout1x3, .layout3x3: plane = .axial(centre: centre)
        case .coronal: plane = .coronal(centre: centre)
        case .sagittal: plane = .sagittal(centre: centre)
        case .acquisition: plane = PlaneSpec(centre: centre, right: geometry.iDirection, up: -geometry.jDirection)
        case .oblique:
            let n = normal ?? Vector3(0, 0, 1)
            // Default up: Superior, or Anterior when the normal is (nearly) superior.
            let fallbackUp = abs(n.dot(Vector3(0, 0, 1))) > 0.9 ? Vector3(0, -1, 0) : Vector3(0, 0, 1)
            let u = up ?? fallbackUp
            plane = PlaneSpec(centre: centre, right: u.cross(n), up: u)
        }
        guard let position else { return plane }
        // Named planes move along the patient axis (+S for axial, +P coronal, +L sagittal), oblique along its
        // normal, acquisition along the slice normal (millimetres from the first slice's plane).
        let axis: Vector3
        switch kind {
        case .axial, .mip, .fusion, .layout1x3, .layout3x3: axis = Vector3(0, 0, 1)
        case .coronal: axis = Vector3(0, 1, 0)
        case .sagittal: axis = Vector3(1, 0, 0)
        case .oblique: axis = plane.normal
        case .acquisition: axis = geometry.sliceNormal
        }
        let target: Double
        switch position {
        case .slice(let k):
            let d = geometry.dimensions
            guard k < d.z else {
                throw CommandError.badInput("--position slice:\(k) is outside the volume's \(d.z) slices (0…\(d.z - 1))")
            }
            target = geometry.sliceWorld(Double(d.x - 1) / 2, Double(d.y - 1) / 2, slice: k).dot(axis)
        case .millimetres(let mm) where kind == .acquisition:
            target = geometry.sliceWorld(0, 0, slice: 0).dot(axis) + mm
        case .millimetres(let mm):
            target = kind == .oblique ? centre.dot(axis) + mm : mm
        case .fraction(let f):
            let along = geometry.cornerCentres.map { $0.dot(axis) }
            let low = along.min() ?? 0, high = along.max() ?? 0
            target = low + f * (high - low)
        }
        plane.centre += axis * (target - centre.dot(axis))
        return plane
    }

    /// An MPR (or slab) view that fits the volume's extent.
    func mpr(for geometry: VolumeGeometry, window: VOIWindow) throws -> MPRView {
        MPRView(plane: try plane(for: geometry), fitting: geometry, width: width, height: height, window: window,
                sampling: sampling, slab: slab)
    }

    /// A whole-volume MIP rotated by the angle about the patient's S axis (0° = seen from the front).
    func mip(for geometry: VolumeGeometry, window: VOIWindow) -> MIPView {
        MIPView.rotating(geometry, angle: angleDegrees * .pi / 180, width: width, height: height, window: window, sampling: sampling)
    }
}
