import Raster
import Volume

extension Layout {
    /// The PET/CT fusion layout of OHIF's TMTV mode: a 3×3 grid (rows CT, PET, fused; columns axial,
    /// sagittal, coronal, every plane through `point`, default the CT's centre) and, on the right, a
    /// full-height PET MIP (whole volume, turned by `options.mipAngle` about Superior) through the PET colormap.
    ///
    /// The MIP is fitted to the CT rather than the PET (whose field of view is usually far wider than the body).
    /// The MIP takes a quarter of `width`; the grid cells share the rest, 2-pixel separators between all.
    /// Each column's views are fitted to the CT and centred on the CT centre's projection onto their plane.
    public static func petCT(
        ct: ImageVolume, pet: ImageVolume, units: PETUnits, through point: Vector3? = nil, width: Int, height: Int,
        options: PETCTOptions = PETCTOptions()
    ) -> Layout {
        let s = separatorWidth
        let mipWidth = width / 4
        let cellWidth = (width - mipWidth - 3 * s) / 3, cellHeight = (height - 2 * s) / 3
        let g = ct.geometry
        let focus = point ?? g.centre
        let planes: [PlaneSpec] = [.axial(centre: g.centre), .sagittal(centre: g.centre), .coronal(centre: g.centre)]
        let rows: [(FusionView.Layers, String, Colormap)] = [
            (.ctOnly, "CT", options.fusionColormap), (.petOnly, "PET", options.petColormap), (.fused, "FUSED", options.fusionColormap),
        ]
        var viewports: [Viewport] = []
        for (c, orientation) in planes.enumerated() {
            let plane = orientation.through(focus, centredOn: g.centre)
            let fitted = MPRView(plane: plane, fitting: g, width: cellWidth, height: cellHeight, window: options.ctWindow)
            for (r, (layers, label, colormap)) in rows.enumerated() {
                let view = FusionView(
                    plane: plane, width: cellWidth, height: cellHeight, pixelSpacing: fitted.pixelSpacing, ctWindow: options.ctWindow,
                    petWindow: options.petWindow, colormap: colormap, opacity: options.opacity, threshold: options.threshold,
                    units: units, layers: layers, sampling: options.sampling, allowDifferentFrames: options.allowDifferentFrames)
                viewports.append(Viewport(
                    .fusion(view, ct: ct, pet: pet), x: c * (cellWidth + s), y: r * (cellHeight + s), label: label,
                    orientationLetters: options.orientationLetters))
            }
        }
        let mipX = 3 * (cellWidth + s)
        let mip = petMIP(
            ct: g, angle: options.mipAngle, width: width - mipX, height: height,
            window: options.petWindow.voiWindow(unitFactor: units.factor), sampling: options.sampling)
        viewports.append(Viewport(.mip(mip, pet, colormap: options.petColormap), x: mipX, y: 0, label: "MIP", orientationLetters: options.orientationLetters))
        let gridWidth = 3 * cellWidth + 2 * s
        let separators = (1...3).map { PixelRect(x: $0 * (cellWidth + s) - s, y: 0, width: s, height: height) }
            + (1...2).map { PixelRect(x: 0, y: $0 * (cellHeight + s) - s, width: gridWidth, height: s) }
        return Layout(width: width, height: height, viewports: viewports, separators: separators)
    }

    /// The whole-volume PET MIP seen from the front turned by `angle` about Superior, centred on the CT centre, with
    /// square pixels that fit the CT's larger in-plane extent across and its length down, the same at every angle.
    private static func petMIP(ct g: VolumeGeometry, angle: Double, width: Int, height: Int, window: VOIWindow, sampling: Sampling) -> MIPView {
        let across = max(g.extent(along: Vector3(1, 0, 0)), g.extent(along: Vector3(0, 1, 0)))
        let spacing = max(across / Double(width), g.extent(along: Vector3(0, 0, 1)) / Double(height))
        let plane = PlaneSpec.coronal(centre: g.centre).rotated(by: angle, about: Vector3(0, 0, 1))
        return MIPView(plane: plane, width: width, height: height, pixelSpacing: spacing, window: window, sampling: sampling)
    }
}
