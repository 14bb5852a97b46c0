import CGL
import Volume

/// Draws a `FusionView` (fused or PET-only) of a CT and a PET texture into the current buffer; GL thread only.
///
/// Texture units: 0 the CT (as `volume.glsl` expects), 1 the PET, 2 the colormap, 3 and 4 the CT's and the
/// PET's stack tables when they are irregular stacks, 5 and 6 the CT's and the PET's slice sources. The PET is
/// read by the same sampling functions as the CT (sample_*.glsl), so the program's `Sampling` applies to both.
final class FusionPass {
    static let petStackTableUnit = 4
    static let petSliceSourcesUnit = 6
    private let programs: SamplingPrograms
    private let colormaps: ColormapTextures

    init(colormaps: ColormapTextures) throws(RenderError) {
        self.colormaps = colormaps
        programs = try SamplingPrograms(fragment: "fusion.frag")
    }

    func draw(_ view: FusionView, ct: VolumeTexture, of ctVolume: ImageVolume, pet: VolumeTexture, of petVolume: ImageVolume) throws(RenderError) {
        let slab = view.slab ?? Slab(thickness: 0, mode: .maximum)
        let ctMapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, space: ct.space)
        let petMapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, space: pet.space)
        let ctStep = Slab.step(along: view.plane.normal, in: ctVolume.geometry)
        let petStep = Slab.step(along: view.plane.normal, in: petVolume.geometry)
        let colormap = try colormaps.texture(view.colormap)
        let program = try programs.program(
            view.sampling, irregular: ct.space.isIrregular, allSlices: ct.allSlicesPresent && pet.allSlicesPresent,
            bricked: ct.atlas != nil, petIrregular: pet.stackTable != nil, petBricked: pet.atlas != nil)
        program.use()
        program.setVolume(ct, of: ctVolume)
        program.setWindow(view.ctWindow)
        program.setMapping(ctMapping)
        program.set("uSlabDelta", ctMapping.perMillimetreAlongNormal * ctStep)
        program.set("uSlabCount", slab.sampleCount(step: ctStep))
        program.set("uSlabMode", slab.mode.rawValue)

        glActiveTexture(glEnum(GL_TEXTURE1))
        glBindTexture(glEnum(GL_TEXTURE_3D), pet.id)
        program.set("uPet", 1)
        program.setSliceSources(pet, unit: Self.petSliceSourcesUnit, prefix: "uPetSlices")
        program.set("uPetDims", Vector3(petVolume.geometry.dimensions))
        program.set("uPetInvDims", 1 / Vector3(petVolume.geometry.dimensions))
        program.set("uPetBoxDims", pet.space.box)
        // Always on its own unit: two sampler types on one unit (the default, 0) make the draw invalid.
        program.set("uPetStack", Self.petStackTableUnit)
        if let table = pet.stackTable { program.setStackTable(table, unit: Self.petStackTableUnit, prefix: "uPetStack") }
        if let atlas = pet.atlas { program.setAtlas(atlas, prefix: "uPetAtlas") }
        program.set("uPetStoredScale", Float(pet.format.storedScale))
        program.set("uPetRound", pet.format.isInteger && view.sampling == .nearest)
        program.set("uPetSlope", Float(petVolume.rescale.slope * view.units.factor))
        program.set("uPetIntercept", Float(petVolume.rescale.intercept * view.units.factor))
        program.set("uPetOrigin", petMapping.origin)
        program.set("uPetDx", petMapping.dx)
        program.set("uPetDy", petMapping.dy)
        program.set("uPetSlabDelta", petMapping.perMillimetreAlongNormal * petStep)
        program.set("uPetSlabCount", slab.sampleCount(step: petStep))

        glActiveTexture(glEnum(GL_TEXTURE2))
        glBindTexture(glEnum(GL_TEXTURE_1D), colormap.id)
        program.set("uColormap", 2)
        program.set("uPetLower", Float(view.petWindow.lower))
        program.set("uPetUpper", Float(view.petWindow.upper))
        program.set("uThreshold", Float(view.threshold))
        program.set("uOpacity", Float(view.opacity))
        program.set("uPetOnly", view.layers == .petOnly)
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        try glCheck("glDrawArrays(fusion)")
    }

    /// Checks what the fusion needs beyond any view's size and spacing.
    static func validate(_ view: FusionView, ct: ImageVolume, pet: ImageVolume) throws(RenderError) {
        guard view.opacity >= 0, view.opacity <= 1 else {
            throw .invalidView(reason: "PET opacity \(view.opacity) must lie in 0…1")
        }
        guard view.petWindow.upper > view.petWindow.lower, view.petWindow.lower.isFinite, view.petWindow.upper.isFinite else {
            throw .invalidView(reason: "PET window \(view.petWindow.lower)…\(view.petWindow.upper) must be finite with upper > lower")
        }
        guard view.threshold.isFinite, view.units.factor > 0, view.units.factor.isFinite else {
            throw .invalidView(reason: "PET threshold \(view.threshold) and unit factor \(view.units.factor) must be finite, the factor positive")
        }
        try FusionView.checkFramesOfReference(ct: ct, pet: pet, allowDifferent: view.allowDifferentFrames)
    }
}
