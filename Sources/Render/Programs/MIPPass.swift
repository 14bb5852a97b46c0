import CGL
import Foundation
import Volume

/// Draws a ray-cast `MIPView` of one volume texture into the current buffer, its grey levels looked up in a
/// colormap (unit 2, as the fusion's); GL thread only.
final class MIPPass {
    /// Brightest-segment-first visits per ray before the in-order walk (see mip.frag).
    /// LIGHTBOX_MIP_SORTED_PASSES overrides it, for measurement only.
    static let sortedPasses = ProcessInfo.processInfo.environment["LIGHTBOX_MIP_SORTED_PASSES"].flatMap { Int($0) } ?? 1

    private let programs: SamplingPrograms
    private let colormaps: ColormapTextures

    init(colormaps: ColormapTextures) throws(RenderError) {
        self.colormaps = colormaps
        programs = try SamplingPrograms(fragment: "mip.frag")
    }

    func draw(_ view: MIPView, texture: VolumeTexture, volume: ImageVolume, colormap: Colormap) throws(RenderError) {
        let geometry = volume.geometry
        let mapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, space: texture.space)
        // Components this small are rounding noise of a rotation: treat the ray as parallel to those faces.
        var ray = mapping.perMillimetreAlongNormal * -view.sampleStep(in: geometry)
        ray.replace(with: 0, where: ray .< 1e-9 .& ray .> -1e-9)
        let parallel = Vector3(repeating: 0).replacing(with: 1e30, where: ray .== 0)
        let inverse = (1 / ray).replacing(with: 0, where: ray .== 0)
        guard let bricks = texture.bricks else {
            preconditionFailure("a MIP's volume texture is synced with bricks before it is drawn")
        }
        let program = try programs.program(
            view.sampling, irregular: texture.space.isIrregular, allSlices: texture.allSlicesPresent, bricked: texture.atlas != nil)
        program.use()
        program.setVolume(texture, of: volume)
        program.setWindow(view.window)
        program.setMapping(mapping)
        program.set("uRay", ray)
        program.set("uInvRay", inverse)
        program.set("uRayParallel", parallel)
        glActiveTexture(glEnum(GL_TEXTURE1))
        glBindTexture(glEnum(GL_TEXTURE_3D), bricks.id)
        program.set("uBricks", 1)
        program.set("uBrickCount", bricks.counts)
        program.set("uBrickSize", Float(BrickMaxTexture.size))
        program.set("uSkipping", view.emptySpaceSkipping)
        program.set("uSortedPasses", Self.sortedPasses)
        program.set("uSign", Float(volume.rescale.slope < 0 ? -1 : 1))
        glActiveTexture(glEnum(GL_TEXTURE2))
        glBindTexture(glEnum(GL_TEXTURE_1D), try colormaps.texture(colormap).id)
        program.set("uColormap", 2)
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        try glCheck("glDrawArrays(MIP)")
    }
}
