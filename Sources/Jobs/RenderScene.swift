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
}
