import Raster
import Volume

extension Layout {
    /// Three MPRs of one volume side by side, axial | sagittal | coronal, all through `point`
    /// (default: the volume centre), each fitted to the volume, each `viewportSize` wide and tall.
    public static func triplanar(
        _ volume: ImageVolume, through point: Vector3? = nil, window: VOIWindow, viewportWidth: Int, viewportHeight: Int,
        sampling: Sampling = .linear, orientationLetters: Bool = true
    ) -> Layout {
        let g = volume.geometry
        let s = separatorWidth
        let planes: [(PlaneSpec, String)] = [(.axial(centre: g.centre), "AX"), (.sagittal(centre: g.centre), "SAG"), (.coronal(centre: g.centre), "COR")]
        var viewports: [Viewport] = []
        var separators: [PixelRect] = []
        for (n, (plane, label)) in planes.enumerated() {
            let view = MPRView(
                plane: plane.through(point ?? g.centre, centredOn: g.centre), fitting: g, width: viewportWidth, height: viewportHeight,
                window: window, sampling: sampling)
            viewports.append(Viewport(.mpr(view, volume), x: n * (viewportWidth + s), y: 0, label: label, orientationLetters: orientationLetters))
            if n > 0 { separators.append(PixelRect(x: n * (viewportWidth + s) - s, y: 0, width: s, height: viewportHeight)) }
        }
        return Layout(width: 3 * viewportWidth + 2 * s, height: viewportHeight, viewports: viewports, separators: separators)
    }
}
