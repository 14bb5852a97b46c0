import Foundation
import Volume

/// A ray-cast maximum intensity projection, orthographic, with rays along −`plane.normal`
/// (away from the viewer) through the centre of each output pixel (pixel layout as `MPRView`).
public struct MIPView: Sendable, Equatable {
    public var plane: PlaneSpec
    public var width: Int
    public var height: Int
    public var pixelSpacing: Double
    public var window: VOIWindow
    public var sampling: Sampling
    /// Skip bricks whose maximum cannot change the pixel, and stop once the window saturates.
    /// Never changes the result; off only to measure or test that claim.
    public var emptySpaceSkipping: Bool

    public init(
        plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double, window: VOIWindow,
        sampling: Sampling = .linear, emptySpaceSkipping: Bool = true
    ) {
        self.plane = plane
        self.width = width
        self.height = height
        self.pixelSpacing = pixelSpacing
        self.window = window
        self.sampling = sampling
        self.emptySpaceSkipping = emptySpaceSkipping
    }

    /// The distance between samples along each ray, mm.
    ///
    /// Half the smallest voxel spacing; for rays parallel to a grid axis (within 1e-6) that axis's
    /// spacing divided into 2 × ⌈spacing / smallest spacing⌉ equal parts instead (never more than half
    /// the smallest spacing), so samples starting on a box face land on every voxel centre.
    public func sampleStep(in geometry: VolumeGeometry) -> Double {
        let n = plane.normal
        let smallest = geometry.smallestSpacing
        for (axis, spacing) in geometry.samplingAxes where abs(abs(axis.dot(n)) - 1) < 1e-6 {
            return spacing / (2 * (spacing / smallest - 1e-9).rounded(.up))
        }
        return smallest / 2
    }

    /// The front (coronal) view of `geometry` turned by `angle` radians about `axis` through the volume
    /// centre (default: the patient's Superior axis, so angle π/2 looks from the patient's left).
    /// The pixel spacing does not depend on the angle, so frames of a rotation line up.
    public static func rotating(
        _ geometry: VolumeGeometry, angle: Double, axis: Vector3 = Vector3(0, 0, 1),
        width: Int, height: Int, window: VOIWindow, sampling: Sampling = .linear
    ) -> MIPView {
        let centre = geometry.centre
        let a = axis.normalized
        // Largest distance of a box corner from the rotation axis bounds the width at every angle; when the
        // axis is not screen-up (Superior), the height can be any direction too, so both use the corners' sphere.
        let alongUp = abs(a.z) > 1 - 1e-9
        var radius = 0.0
        let d = geometry.dimensions
        for corner in 0..<8 {
            let index = Vector3(
                corner & 1 == 0 ? -0.5 : Double(d.x) - 0.5, corner & 2 == 0 ? -0.5 : Double(d.y) - 0.5,
                corner & 4 == 0 ? -0.5 : Double(d.z) - 0.5)
            let v = geometry.indexToWorld.transformPoint(index) - centre
            radius = max(radius, alongUp ? (v - a * v.dot(a)).length : v.length)
        }
        let tall = alongUp ? geometry.extent(along: a) : 2 * radius
        let spacing = max(2 * radius / Double(width), tall / Double(height))
        let plane = PlaneSpec.coronal(centre: centre).rotated(by: angle, about: a)
        return MIPView(plane: plane, width: width, height: height, pixelSpacing: spacing, window: window, sampling: sampling)
    }
}
