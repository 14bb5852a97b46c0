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
    /// Volume renderings (CT-Bone, shaded) at 0° and 30° about the superior axis, the MIPs' cameras and step.
    let volumes: [(degrees: Double, view: VolumeRenderView)]

    init(_ g: VolumeGeometry, size: Int) {
        axial = MPRView(plane: .axial(centre: g.centre), fitting: g, width: size, height: size, window: .mediastinum)
        var oblique = axial
        oblique.plane = axial.plane.rotated(by: 0.5, about: Vector3(1, 1, 0))
        self.oblique = oblique
        var slab = axial
        slab.slab = Slab(thickness: 20, mode: .maximum)
        self.slab = slab
        mips = [0.0, 30, 60].map { ($0, MIPView.rotating(g, angle: $0 * .pi / 180, width: size, height: size, window: .bone)) }
        let bone = VolumePresets.defaultPreset(forModality: "CT")
        volumes = [0.0, 30].map { ($0, VolumeRenderView.rotating(g, angle: $0 * .pi / 180, width: size, height: size, preset: bone)) }
    }

    /// The name of a volume-rendering figure, the same on both sides.
    static func volumeName(_ degrees: Double) -> String { String(format: "volume rendering %.0f°, CT-Bone", degrees) }

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
        var preset: Preset?         // volume: the transfer functions and shading (values in HU)
        var opacityUnitDistance: Double?  // volume: mm over which the preset's opacities apply as given
    }

    /// A volume-rendering preset as plain numbers, in the preset file's layout.
    struct Preset: Encodable {
        var name: String
        var scalarOpacity: [[Double]]
        var color: [[Double]]
        var gradientOpacity: [[Double]]
        var shade: Bool
        var ambient, diffuse, specular, specularPower: Double

        init(_ p: VolumePreset) {
            name = p.name
            scalarOpacity = p.scalarOpacity.map { [$0.value, $0.opacity] }
            color = p.colour.map { [$0.value, $0.rgb.x, $0.rgb.y, $0.rgb.z] }
            gradientOpacity = p.gradientOpacity.map { [$0.value, $0.opacity] }
            shade = p.shading.enabled
            (ambient, diffuse, specular, specularPower) = (p.shading.ambient, p.shading.diffuse, p.shading.specular, p.shading.specularPower)
        }
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
        for (degrees, m) in volumes {
            out.append(Camera(
                name: Self.volumeName(degrees), kind: "volume", centre: v(m.plane.centre), right: v(m.plane.right), up: v(m.plane.up),
                normal: v(m.plane.normal), width: m.width, height: m.height, pixelSpacing: m.pixelSpacing, windowCentre: 0, windowWidth: 0,
                sampleStep: m.step(in: g), preset: Preset(m.preset), opacityUnitDistance: TransferTable.unitDistance))
        }
        return out
    }
}
