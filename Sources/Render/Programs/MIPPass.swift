import CGL
import Foundation
import Volume

/// Draws a ray-cast `MIPView` of one volume texture into the current buffer; GL thread only.
///
/// Sample step rule: half the smallest voxel spacing; for a ray parallel to a grid axis (within 1e-6),
/// that axis's spacing divided into 2 × ⌈spacing / smallest spacing⌉ equal parts instead (never more
/// than half the smallest spacing), so samples starting on a box face land on every voxel centre.
final class MIPPass {
    private let programs: SamplingPrograms

    init() throws(RenderError) {
        programs = try SamplingPrograms(fragment: "mip.frag")
    }

    /// The ray step in mm for rays along `direction` (see the type's rule).
    static func step(along direction: Vector3, in geometry: VolumeGeometry) -> Double {
        let n = direction.normalized
        let smallest = geometry.smallestSpacing
        let axes = [(geometry.iDirection, geometry.spacing.x), (geometry.jDirection, geometry.spacing.y), (geometry.kDirection, geometry.spacing.z)]
        for (axis, spacing) in axes where abs(abs(axis.dot(n)) - 1) < 1e-6 {
            return spacing / (2 * (spacing / smallest - 1e-9).rounded(.up))
        }
        return smallest / 2
    }

    func draw(_ view: MIPView, texture: VolumeTexture, volume: ImageVolume) throws(RenderError) {
        let geometry = volume.geometry
        let mapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, geometry: geometry)
        // Components this small are rounding noise of a rotation: treat the ray as parallel to those faces.
        var ray = mapping.perMillimetreAlongNormal * -Self.step(along: view.plane.normal, in: geometry)
        ray.replace(with: 0, where: ray .< 1e-9 .& ray .> -1e-9)
        let parallel = Vector3(repeating: 0).replacing(with: 1e30, where: ray .== 0)
        let inverse = (1 / ray).replacing(with: 0, where: ray .== 0)
        let bricks = try texture.brickTexture()
        let program = programs[view.sampling]
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
        program.set("uSign", Float(volume.rescale.slope < 0 ? -1 : 1))
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        try glCheck("glDrawArrays(MIP)")
    }
}
