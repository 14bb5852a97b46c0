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

    /// The plane of an MPR view through `geometry`, following the radiological display convention.
    func plane(for geometry: VolumeGeometry) -> PlaneSpec {
        let centre = geometry.centre
        var plane: PlaneSpec
        switch kind {
        case .axial, .mip, .fusion, .layout1x3, .layout3x3: plane = .axial(centre: centre)
        case .coronal: plane = .coronal(centre: centre)
        case .sagittal: plane = .sagittal(centre: centre)
        case .oblique:
            let n = normal ?? Vector3(0, 0, 1)
            // Default up: Superior, or Anterior when the normal is (nearly) superior.
            let fallbackUp = abs(n.dot(Vector3(0, 0, 1))) > 0.9 ? Vector3(0, -1, 0) : Vector3(0, 0, 1)
            let u = up ?? fallbackUp
            plane = PlaneSpec(centre: centre, right: u.cross(n), up: u)
        }
        guard let position else { return plane }
        // Named planes move along the patient axis (+S for axial, +P coronal, +L sagittal), oblique along its normal.
        let axis: Vector3
        switch kind {
        case .axial, .mip, .fusion, .layout1x3, .layout3x3: axis = Vector3(0, 0, 1)
        case .coronal: axis = Vector3(0, 1, 0)
        case .sagittal: axis = Vector3(1, 0, 0)
        case .oblique: axis = plane.normal
        }
        let target: Double
        switch position {
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
    func mpr(for geometry: VolumeGeometry, window: VOIWindow) -> MPRView {
        MPRView(plane: plane(for: geometry), fitting: geometry, width: width, height: height, window: window,
                sampling: sampling, slab: slab)
    }

    /// A whole-volume MIP rotated by the angle about the patient's S axis (0° = seen from the front).
    func mip(for geometry: VolumeGeometry, window: VOIWindow) -> MIPView {
        MIPView.rotating(geometry, angle: angleDegrees * .pi / 180, width: width, height: height, window: window, sampling: sampling)
    }
}
