import Render
import Volume

/// The layout a render job draws on every frame, decided once from metadata: the plane, the window and the units.
struct RenderScene {
    var layout: Layout
    let window: (window: VOIWindow, source: String)

    init(request r: RenderRequest, volumes: [OpenedSeries], units: PETUnits?) throws(JobError) {
        let first = volumes[0]
        let volume = first.streaming.volume, g = volume.geometry
        func plane(_ orientation: ViewPlane) throws(JobError) -> PlaneSpec {
            do { return try PlaneSpec.make(orientation, position: r.position, in: g) } catch { throw .badInput(error.description) }
        }
        var layout: Layout
        switch r.view {
        case .mpr(let orientation):
            let p = try plane(orientation)
            window = r.window ?? WindowPolicy.window(for: volume, plane: p, representative: first.representative)
            let view = MPRView(plane: p, fitting: g, width: r.width, height: r.height, window: window.window, sampling: r.sampling, slab: r.slab)
            layout = .single(.mpr(view, volume), orientationLetters: r.orientationLetters)
        case .mip:
            window = r.window ?? WindowPolicy.window(for: volume, plane: nil, representative: first.representative)
            let view = MIPView.rotating(g, angle: r.angleDegrees * .pi / 180, width: r.width, height: r.height, window: window.window, sampling: r.sampling)
            layout = .single(.mip(view, volume, colormap: r.colormap ?? .grey), orientationLetters: r.orientationLetters)
        case .volume:
            window = r.window ?? WindowPolicy.window(for: volume, plane: nil, representative: first.representative)
            let view = try Self.volumeView(r, first, width: r.width, height: r.height)
            layout = .single(.volume(view, volume), orientationLetters: r.orientationLetters)
        case .mprAndVolume:
            window = r.window ?? WindowPolicy.window(for: volume, plane: nil, representative: first.representative)
            let cell = Layout.quadCell(width: r.width, height: r.height)
            layout = .mprAndVolume(
                volume, through: r.focus, window: window.window, volumeView: try Self.volumeView(r, first, width: cell.width, height: cell.height),
                width: r.width, height: r.height, sampling: r.sampling, orientationLetters: r.orientationLetters)
        case .triplanar:
            window = r.window ?? WindowPolicy.window(for: volume, plane: nil, representative: first.representative)
            layout = .triplanar(volume, through: r.focus, window: window.window, viewportWidth: r.width / 3, viewportHeight: r.height,
                                sampling: r.sampling, orientationLetters: r.orientationLetters)
        case .fusion(let orientation):
            let pet = volumes[1].streaming.volume
            let p = try plane(orientation)
            window = r.window ?? WindowPolicy.window(for: volume, plane: p, representative: first.representative)
            let fitted = MPRView(plane: p, fitting: g, width: r.width, height: r.height, window: window.window)
            let view = FusionView(
                plane: p, width: r.width, height: r.height, pixelSpacing: fitted.pixelSpacing, ctWindow: window.window,
                petWindow: r.petWindow, colormap: r.colormap ?? .hotIron, opacity: r.opacity, threshold: r.threshold,
                units: units ?? .stored(unit: "stored units", reason: "no PET"), layers: .fused, sampling: r.sampling, slab: r.slab,
                allowDifferentFrames: r.allowDifferentFrames)
            layout = .single(.fusion(view, ct: volume, pet: pet), orientationLetters: r.orientationLetters)
        case .petCTLayout:
            let pet = volumes[1].streaming.volume
            window = r.window ?? WindowPolicy.window(for: volume, plane: nil, representative: first.representative)
            let options = PETCTOptions(
                ctWindow: window.window, petWindow: r.petWindow, fusionColormap: r.colormap ?? .hotIron, opacity: r.opacity,
                threshold: r.threshold, mipAngle: r.angleDegrees * .pi / 180, sampling: r.sampling,
                orientationLetters: r.orientationLetters, allowDifferentFrames: r.allowDifferentFrames)
            layout = .petCT(ct: volume, pet: pet, units: units ?? .stored(unit: "stored units", reason: "no PET"),
                            through: r.focus, width: r.width, height: r.height, options: options)
        }
        layout.unloadedSlices = r.unloadedSlices
        self.layout = layout
    }

    /// The request's volume rendering of `series`, `width` × `height`: its preset (or the modality's default) in the
    /// volume's display units (SUVbw for a PET whose headers allow it, else the rescaled values).
    private static func volumeView(_ r: RenderRequest, _ series: OpenedSeries, width: Int, height: Int) throws(JobError) -> VolumeRenderView {
        let volume = series.streaming.volume
        let preset = r.volumePreset ?? VolumePresets.defaultPreset(forModality: volume.modality ?? "")
        let factor = volume.modality == "PT" ? PETUnits(SUVCalibration.from(series.representative)).factor : 1
        do {
            let crop = try r.crop.map { bounds throws(RenderError) in try CropBox.resolve(bounds, in: volume.geometry) }
            return VolumeRenderView.rotating(
                volume.geometry, angle: r.angleDegrees * .pi / 180, elevation: r.elevationDegrees * .pi / 180, width: width, height: height,
                preset: preset, valueFactor: factor, sampleStep: r.sampleStep, crop: crop, sampling: r.sampling)
        } catch { throw .badInput(error.description) }
    }
}
