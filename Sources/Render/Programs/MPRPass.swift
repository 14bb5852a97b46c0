import CGL
import Volume

/// Draws an `MPRView` (single plane or slab) of one volume texture into the current buffer; GL thread only.
final class MPRPass {
    private let programs: SamplingPrograms

    init() throws(RenderError) {
        programs = try SamplingPrograms(fragment: "mpr.frag")
    }

    func draw(_ view: MPRView, texture: VolumeTexture, volume: ImageVolume) throws(RenderError) {
        let geometry = volume.geometry
        let mapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, geometry: geometry)
        let slab = view.slab ?? Slab(thickness: 0, mode: .maximum)
        let step = Slab.step(along: view.plane.normal, in: geometry)
        let program = programs[view.sampling]
        program.use()
        program.setVolume(texture, of: volume)
        program.setWindow(view.window)
        program.setMapping(mapping)
        program.set("uSlabDelta", mapping.perMillimetreAlongNormal * step)
        program.set("uSlabCount", slab.sampleCount(step: step))
        program.set("uSlabMode", slab.mode.rawValue)
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        try glCheck("glDrawArrays(MPR)")
    }
}
