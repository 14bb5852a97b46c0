import Foundation
import Render
import Volume

/// The views `bench render` times, defined once so that `bench export` can hand the very same
/// cameras (centre, axes, pixel spacing, window, sample step) to another renderer.
struct BenchViews {
    let axial: MPRView
    let oblique: MPRView
    let slab: MPRView
    /// Rotated MIPs at 0°, 30° and 60° about the patient's superior axis, bone window.
    let mips: [(degrees: Double, view: MIPView)]

    init(_ g: VolumeGeometry, size: Int) {
        axial = MPRView(plane: .axial(centre: g.centre), fitting: g, width: size, height: size, window: .mediastinum)
        var oblique = axial
        oblique.plane = axial.plane.rotated(by: 0.5, about: Vector3(1, 1, 0))
        self.oblique = oblique
        var slab = axial
        slab.slab = Slab(thickness: 20, mode: .maximum)
        self.slab = slab
        mips = [0.0, 30, 60].map { ($0, MIPView.rotating(g, angle: $0 * .pi / 180, width: size, height: size, window: .bone)) }
    }

    /// One camera as plain numbers (patient LPS mm): rays / the view direction run along −normal,
    /// screen right is `right`, screen up is `up`.
    struct Camera: Encodable {
        var name: String
        var kind: String            // "mpr", "slab-max" or "mip"
        var centre: [Double]
        var right: [Double]
        var up: [Double]
        var normal: [Double]
        var width: Int
        var height: Int
        var pixelSpacing: Double
        var windowCentre: Double
        var windowWidth: Double
        var sampleStep: Double?     // MIP: mm between samples along a ray
        var slabThickness: Double?  // slab: mm
        var slabSamples: Int?       // slab: samples Lightbox takes across it
    }

    func cameras(_ g: VolumeGeometry) -> [Camera] {
        func v(_ x: Vector3) -> [Double] { [x.x, x.y, x.z] }
        func mpr(_ name: String, _ m: MPRView, kind: String = "mpr") -> Camera {
            var c = Camera(
                name: name, kind: kind, centre: v(m.plane.centre), right: v(m.plane.right), up: v(m.plane.up), normal: v(m.plane.normal),
                width: m.width, height: m.height, pixelSpacing: m.pixelSpacing, windowCentre: m.window.centre, windowWidth: m.window.width)
            if let s = m.slab {
                c.slabThickness = s.thickness
                c.slabSamples = s.sampleCount(step: Slab.step(along: m.plane.normal, in: g))
            }
            return c
        }
        var out = [mpr("axial MPR", axial), mpr("oblique MPR", oblique), mpr("slab MIP 20 mm", slab, kind: "slab-max")]
        for (degrees, m) in mips {
            out.append(Camera(
                name: String(format: "rotated MIP %.0f°", degrees), kind: "mip", centre: v(m.plane.centre), right: v(m.plane.right),
                up: v(m.plane.up), normal: v(m.plane.normal), width: m.width, height: m.height, pixelSpacing: m.pixelSpacing,
                windowCentre: m.window.centre, windowWidth: m.window.width, sampleStep: m.sampleStep(in: g)))
        }
        return out
    }
}
