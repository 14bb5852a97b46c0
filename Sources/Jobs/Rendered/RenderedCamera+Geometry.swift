import Foundation
import Render
import Volume

/// A camera as the renderer uses it: the look-at point, the unit direction towards the camera, screen up (unit,
/// across the direction) and the camera's distance (for Annex K's Viewpoint Position).
struct RenderedCameraPose: Equatable {
    var lookAt: Vector3
    var towardsCamera: Vector3
    var up: Vector3
    var distance: Double

    var position: Vector3 { lookAt + towardsCamera * distance }

    /// The pose `camera` asks for on `geometry` (nil: looking from `fallback`): the look-at point is the volume
    /// centre for an anatomic orientation; a zero `viewpointup` means the standard's up for that direction.
    init(_ camera: RenderedCamera?, fallback: RenderedCamera.AnatomicView, in geometry: VolumeGeometry) {
        let radius = geometry.cornerCentres.map { ($0 - geometry.centre).length }.max() ?? 0
        switch camera ?? .orientation(fallback) {
        case .orientation(let view):
            self.init(lookAt: geometry.centre, towardsCamera: view.towardsCamera, up: view.up, distance: max(radius, 1))
        case .viewpoint(let position, let lookAt, let up):
            let towards = (position - lookAt).normalized
            let fallbackUp = abs(towards.z) > 0.9 ? Vector3(0, -1, 0) : Vector3(0, 0, 1)
            let given = up.length > 1e-12 ? up : fallbackUp
            self.init(lookAt: lookAt, towardsCamera: towards, up: (given - towards * given.dot(towards)).normalized,
                      distance: (position - lookAt).length)
        }
    }

    init(lookAt: Vector3, towardsCamera: Vector3, up: Vector3, distance: Double) {
        self.lookAt = lookAt
        self.towardsCamera = towardsCamera
        self.up = up
        self.distance = distance
    }

    /// This pose turned by `degrees` about its up axis through the look-at point (a swivel step).
    func swivelled(by degrees: Double) -> RenderedCameraPose {
        guard degrees != 0 else { return self }
        let a = degrees * .pi / 180, k = up
        let v = towardsCamera
        let turned = v * cos(a) + k.cross(v) * sin(a) + k * (k.dot(v) * (1 - cos(a)))
        return RenderedCameraPose(lookAt: lookAt, towardsCamera: turned.normalized, up: up, distance: distance)
    }

    /// The poses of a swivel of `range` degrees in steps of `step`: ⌊range / step⌋ frames from −range/2, so the
    /// requested pose is the middle of the range (PS3.3 C.11.29); one pose without a swivel.
    func swivel(range: Double?, step: Int) -> [RenderedCameraPose] {
        guard let range else { return [self] }
        let count = max(1, Int((range / Double(step)).rounded(.down)))
        return (0..<count).map { swivelled(by: -range / 2 + Double($0 * step)) }
    }

    /// The azimuth and elevation (degrees) of `VolumeRenderView.rotating` / `MIPView.rotating` that give this
    /// direction and up, or nil when the up would need a roll those views cannot make.
    var azimuthElevation: (azimuth: Double, elevation: Double)? {
        let n = towardsCamera
        let e = asin(max(-1, min(1, n.z)))
        let theta: Double
        if cos(e) > 1e-9 {
            theta = atan2(n.x + 0.0, -n.y + 0.0)   // + 0.0: no negative zeros, so 180° is not −180°
        } else {
            let s = sin(e)
            theta = atan2(-up.x / s + 0.0, up.y / s + 0.0)
        }
        let derivedUp = Vector3(-sin(theta) * sin(e), cos(theta) * sin(e), cos(e))
        guard derivedUp.dot(up) > 1 - 1e-6 else { return nil }
        return (theta * 180 / .pi, e * 180 / .pi)
    }

    /// True when the direction is horizontal and up is the patient's superior: a turn of the front view about the
    /// superior axis, as `MIPView.rotating` draws.
    var isTurnAboutSuperior: Bool { abs(towardsCamera.z) < 1e-9 && up.dot(Vector3(0, 0, 1)) > 1 - 1e-9 }
}
