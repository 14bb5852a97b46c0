import Raster
import Volume

extension Layout {
    /// The "MPR + 3D" page of one volume, 2×2: axial | sagittal over coronal | volume rendering. The planes pass
    /// through `point` (default: the volume centre) and are fitted to the volume; `volumeView`, made the size of a
    /// cell (`quadCell(width:height:)`), is drawn in the bottom-right cell.
    public static func mprAndVolume(
        _ volume: ImageVolume, through point: Vector3? = nil, window: VOIWindow, volumeView: VolumeRenderView,
        width: Int, height: Int, sampling: Sampling = .linear, orientationLetters: Bool = true
    ) -> Layout {
        let g = volume.geometry
        let s = separatorWidth
        let cell = quadCell(width: width, height: height)
        let planes: [(PlaneSpec, String)] = [(.axial(centre: g.centre), "AX"), (.sagittal(centre: g.centre), "SAG"), (.coronal(centre: g.centre), "COR")]
        var viewports: [Viewport] = []
        for (n, (plane, label)) in planes.enumerated() {
            let view = MPRView(
                plane: plane.through(point ?? g.centre, centredOn: g.centre), fitting: g, width: cell.width, height: cell.height,
                window: window, sampling: sampling)
            viewports.append(Viewport(
                .mpr(view, volume), x: (n % 2) * (cell.width + s), y: (n / 2) * (cell.height + s), label: label, orientationLetters: orientationLetters))
        }
        viewports.append(Viewport(.volume(volumeView, volume), x: cell.width + s, y: cell.height + s, label: "3D", orientationLetters: orientationLetters))
        let frameWidth = 2 * cell.width + s, frameHeight = 2 * cell.height + s
        let separators = [
            PixelRect(x: cell.width, y: 0, width: s, height: frameHeight), PixelRect(x: 0, y: cell.height, width: frameWidth, height: s),
        ]
        return Layout(width: frameWidth, height: frameHeight, viewports: viewports, separators: separators)
    }

    /// The size of one cell of a 2×2 layout `width` × `height` pixels (with the separators between cells).
    public static func quadCell(width: Int, height: Int) -> (width: Int, height: Int) {
        ((width - separatorWidth) / 2, (height - separatorWidth) / 2)
    }
}
