import Foundation
import Volume

/// A composite volume rendering, orthographic, with rays along −`plane.normal` (away from the viewer) through the
/// centre of each output pixel (pixel layout as `MPRView`): samples are coloured and made opaque by `preset`
/// (its values in display units: rescaled value × `valueFactor`), lit by a headlight, and composited front to back
/// over black until the ray is opaque (accumulated opacity above 1 − 1/255).
public struct VolumeRenderView: Sendable, Equatable {
    public var plane: PlaneSpec
    public var width: Int
    public var height: Int
    public var pixelSpacing: Double
    public var preset: VolumePreset
    /// Display value per rescaled value (the PET's SUV factor; 1 for CT and MR).
    public var valueFactor: Double
    /// Distance between samples along a ray, mm; nil: half the smallest voxel spacing. Opacity is corrected for it,
    /// so the picture does not depend on it beyond sampling detail.
    public var sampleStep: Double?
    /// Only what lies inside is drawn; nil: the whole volume.
    public var crop: CropBox?
    public var sampling: Sampling
    /// Starts each ray a fraction of a step in, by a fixed per-pixel pattern, so the step leaves no wood-grain bands.
    public var jitter: Bool
    /// Skip bricks whose value range has zero opacity in the preset. Never changes the result; off only to measure or test.
    public var emptySpaceSkipping: Bool

    public init(
        plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double, preset: VolumePreset, valueFactor: Double = 1,
        sampleStep: Double? = nil, crop: CropBox? = nil, sampling: Sampling = .linear, jitter: Bool = true, emptySpaceSkipping: Bool = true
    ) {
        self.plane = plane
        self.width = width
        self.height = height
        self.pixelSpacing = pixelSpacing
        self.preset = preset
        self.valueFactor = valueFactor
        self.sampleStep = sampleStep
        self.crop = crop
        self.sampling = sampling
        self.jitter = jitter
        self.emptySpaceSkipping = emptySpaceSkipping
    }

    /// The step used in `geometry`, mm.
    public func step(in geometry: VolumeGeometry) -> Double {
        sampleStep ?? geometry.smallestSpacing / 2
    }

    /// The front (coronal) view turned by `angle` radians about the patient's Superior axis (π/2 looks from the
    /// patient's left, as `MIPView.rotating`), then raised by `elevation` radians (positive: seen from above), through
    /// the volume centre. Pixels fit the volume at every azimuth (and, when raised, at every elevation).
    public static func rotating(
        _ geometry: VolumeGeometry, angle: Double, elevation: Double = 0, width: Int, height: Int, preset: VolumePreset,
        valueFactor: Double = 1, sampleStep: Double? = nil, crop: CropBox? = nil, sampling: Sampling = .linear
    ) -> VolumeRenderView {
        let azimuth = MIPView.rotating(geometry, angle: angle, width: width, height: height, window: .bone)
        var plane = azimuth.plane
        var spacing = azimuth.pixelSpacing
        if elevation != 0 {
            plane = plane.rotated(by: -elevation, about: plane.right)
            let centre = geometry.centre
            let radius = geometry.cornerCentres.map { ($0 - centre).length }.max() ?? 0
            let half = max(geometry.spacing.x, geometry.spacing.y, geometry.sliceStepAlongNormal) / 2
            spacing = max(spacing, 2 * (radius + half) / Double(min(width, height)))
        }
        return VolumeRenderView(
            plane: plane, width: width, height: height, pixelSpacing: spacing, preset: preset, valueFactor: valueFactor,
            sampleStep: sampleStep, crop: crop, sampling: sampling)
    }

    /// Checks what drawing needs beyond the common view checks.
    func validate() throws(RenderError) {
        if let sampleStep, !(sampleStep > 0 && sampleStep.isFinite) {
            throw .invalidView(reason: "sample step \(sampleStep) mm must be positive")
        }
        guard valueFactor > 0, valueFactor.isFinite else { throw .invalidView(reason: "value factor \(valueFactor) must be positive") }
        do { try preset.validate() } catch { throw .invalidView(reason: error.description) }
    }
}
