import CGL
import Volume

/// Draws an `MPRView` of one volume texture into the current buffer; GL thread only.
///
/// A slab whose rule gives one sample is drawn by the lean single-plane shader; the slab shader
/// (a loop over N samples) only runs for N > 1.
final class MPRPass {
    private let plane: SamplingPrograms
    private let slab: SamplingPrograms

    init() throws(RenderError) {
        plane = try SamplingPrograms(fragment: "mpr_plane.frag")
        slab = try SamplingPrograms(fragment: "mpr_slab.frag")
    }

    func draw(_ view: MPRView, texture: VolumeTexture, volume: ImageVolume) throws(RenderError) {
        let geometry = volume.geometry
        let mapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, geometry: geometry)
        let step = Slab.step(along: view.plane.normal, in: geometry)
        let count = view.slab?.sampleCount(step: step) ?? 1
        let program = (count > 1 ? slab : plane)[view.sampling]
        program.use()
        program.setVolume(texture, of: volume)
        program.setWindow(view.window)
        program.setMapping(mapping)
        if let mode = view.slab?.mode, count > 1 {
            program.set("uSlabDelta", mapping.perMillimetreAlongNormal * step)
            program.set("uSlabCount", count)
            program.set("uSlabMode", mode.rawValue)
        }
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        try glCheck("glDrawArrays(MPR)")
    }
}
