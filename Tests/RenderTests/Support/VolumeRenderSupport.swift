import Render
import Volume

/// Hand-made presets and views for the volume-rendering oracles.
enum VolumeRenderSupport {
    /// Opacity `alpha` per mm and white at every value, unlit: a ray's grey level is 255 × its accumulated opacity.
    static func constant(alpha: Double) -> VolumePreset {
        VolumePreset(name: "constant", scalarOpacity: [.init(-2000, alpha), .init(2000, alpha)], colour: [.init(-2000, 1, 1, 1), .init(2000, 1, 1, 1)])
    }

    /// Transparent below `threshold`, opaque from it on (a one-step preset), in `grey`, lit as `shading` says.
    static func step(at threshold: Double, grey: Double = 1, shading: VolumePreset.Shading = .off) -> VolumePreset {
        VolumePreset(
            name: "step", scalarOpacity: [.init(-2000, 0), .init(threshold - 1, 0), .init(threshold, 1), .init(4000, 1)],
            colour: [.init(-2000, grey, grey, grey), .init(4000, grey, grey, grey)], shading: shading)
    }

    /// A view of `geometry`'s centre along −`plane.normal`, `size` pixels square at `spacing` mm.
    static func view(
        _ plane: PlaneSpec, size: Int, spacing: Double, preset: VolumePreset, step: Double? = nil, jitter: Bool = true
    ) -> VolumeRenderView {
        VolumeRenderView(plane: plane, width: size, height: size, pixelSpacing: spacing, preset: preset, sampleStep: step, jitter: jitter)
    }
}
