import CGL
import Volume

/// Draws a `VolumeRenderView` of one volume texture into the current buffer (vr.frag); GL thread only.
///
/// Texture units after those of the other passes: 7 brick maxima, 8 negated brick minima, 9 the preset's colour and
/// opacity, 10 its opaque-entry counts, 11 its gradient opacity, 15 its surfaces (12–14 are the overlays'). A program
/// is linked per shading (on / off) and gradient opacity (varying / 1), so unlit presets never compute a gradient.
final class VolumeRenderPass {
    static let brickMaxUnit = 7
    static let brickMinUnit = 8
    static let transferUnit = 9
    static let occupiedUnit = 10
    static let gradientOpacityUnit = 11
    static let surfacesUnit = 15
    /// Gradient magnitudes below this share of the preset's value range per mm have no direction (flat regions).
    static let gradientFloorShare = 1e-4

    private let programs: SamplingPrograms
    /// The transfer textures of the presets drawn so far, newest last (a few at most).
    private var transfers: [TransferTextures] = []

    init() throws(RenderError) {
        programs = try SamplingPrograms(fragment: "vr.frag", variant: Self.variant(shade: true, gradientOpacity: false))
    }

    private static func variant(shade: Bool, gradientOpacity: Bool) -> [String] {
        [shade ? "vr_shade_on.glsl" : "vr_shade_off.glsl", gradientOpacity ? "vr_gradient_on.glsl" : "vr_gradient_off.glsl"]
    }

    func draw(_ view: VolumeRenderView, texture: VolumeTexture, volume: ImageVolume) throws(RenderError) {
        let geometry = volume.geometry
        let step = view.step(in: geometry)
        let mapping = ViewMapping(
            plane: view.plane, width: view.width, height: view.height, pixelSpacing: view.pixelSpacing, space: texture.space)
        var ray = mapping.perMillimetreAlongNormal * -step
        ray.replace(with: 0, where: ray .< 1e-9 .& ray .> -1e-9)
        let parallel = Vector3(repeating: 0).replacing(with: 1e30, where: ray .== 0)
        let inverse = (1 / ray).replacing(with: 0, where: ray .== 0)
        guard let maxima = texture.bricks, let minima = texture.brickMinima else {
            preconditionFailure("a volume rendering's texture is synced with brick ranges before it is drawn")
        }
        let preset = view.preset
        let transfer = try transferTextures(preset)
        let table = transfer.table
        let shade = preset.shading.enabled
        let program = try programs.program(
            view.sampling, irregular: texture.space.isIrregular, allSlices: texture.allSlicesPresent, bricked: texture.atlas != nil,
            variant: Self.variant(shade: shade, gradientOpacity: !preset.gradientOpacityIsOne))
        program.use()
        program.setVolume(texture, of: volume)
        program.setMapping(mapping)
        program.set("uRay", ray)
        program.set("uInvRay", inverse)
        program.set("uRayParallel", parallel)
        setCrop(view, step: step, program)
        bind(maxima.id, GL_TEXTURE_3D, unit: Self.brickMaxUnit, "uBrickMax", program)
        bind(minima.id, GL_TEXTURE_3D, unit: Self.brickMinUnit, "uBrickNegMin", program)
        program.set("uBrickCount", maxima.counts)
        program.set("uBrickSize", Float(BrickMaxTexture.size))
        program.set("uSkipping", view.emptySpaceSkipping)
        // Table entry e = (display value − low) / (high − low) × (count − 1); texture coordinate (e + ½) / count.
        let n = Double(TransferTable.count)
        let entryScale = view.valueFactor / (table.high - table.low) * (n - 1)
        let entryOffset = -table.low / (table.high - table.low) * (n - 1)
        bind(transfer.transfer, GL_TEXTURE_1D, unit: Self.transferUnit, "uTransfer", program)
        program.set("uTransferScale", Float(entryScale / n))
        program.set("uTransferOffset", Float((entryOffset + 0.5) / n))
        bind(transfer.occupied, GL_TEXTURE_1D, unit: Self.occupiedUnit, "uOccupied", program)
        program.set("uEntryScale", Float(entryScale))
        program.set("uEntryOffset", Float(entryOffset))
        program.set("uEntryCount", TransferTable.count)
        bind(transfer.surfaces, GL_TEXTURE_1D, unit: Self.surfacesUnit, "uSurfaces", program)
        let m = Double(TransferTable.gradientCount)
        bind(transfer.gradientOpacity, GL_TEXTURE_1D, unit: Self.gradientOpacityUnit, "uGradientOpacity", program)
        program.set("uGradientScale", Float(view.valueFactor / table.gradientHigh * (m - 1) / m))
        program.set("uGradientOffset", Float(0.5 / m))
        // f_patient(x) = f_sampling(A x + b), so ∇_patient = Aᵀ ∇_sampling: row i of Aᵀ is A e_i.
        let toSampling = texture.space.worldToSampling
        program.set("uGradX", toSampling.transformDirection(Vector3(1, 0, 0)))
        program.set("uGradY", toSampling.transformDirection(Vector3(0, 1, 0)))
        program.set("uGradZ", toSampling.transformDirection(Vector3(0, 0, 1)))
        program.set("uToViewer", view.plane.normal)
        let s = preset.shading
        program.set("uShading", SIMD4<Float>(Float(s.ambient), Float(s.diffuse), Float(s.specular), Float(s.specularPower)))
        program.set("uGradientFloor", Float(Self.gradientFloorShare * (table.high - table.low) / view.valueFactor))
        program.set("uStepExponent", Float(step / TransferTable.unitDistance))
        program.set("uJitter", view.jitter)
        glDrawArrays(glEnum(GL_TRIANGLES), 0, 3)
        try glCheck("glDrawArrays(volume rendering)")
    }

    /// The crop box uniforms: the patient point at fragment (0, 0), its changes per pixel and per sample step.
    private func setCrop(_ view: VolumeRenderView, step: Double, _ program: ShaderProgram) {
        program.set("uCrop", view.crop != nil)
        guard let crop = view.crop else { return }
        let p = view.plane, spacing = view.pixelSpacing
        program.set("uWorldOrigin", p.centre - p.right * (Double(view.width) / 2 * spacing) - p.up * (Double(view.height) / 2 * spacing))
        program.set("uWorldDx", p.right * spacing)
        program.set("uWorldDy", p.up * spacing)
        program.set("uWorldRay", p.normal * -step)
        program.set("uCropLower", crop.lower)
        program.set("uCropUpper", crop.upper)
    }

    private func bind(_ id: GLuint, _ target: Int32, unit: Int, _ name: String, _ program: ShaderProgram) {
        glActiveTexture(glEnum(GL_TEXTURE0 + Int32(unit)))
        glBindTexture(glEnum(target), id)
        program.set(name, unit)
    }

    private func transferTextures(_ preset: VolumePreset) throws(RenderError) -> TransferTextures {
        if let found = transfers.first(where: { $0.preset == preset }) { return found }
        let made = try TransferTextures(preset)
        transfers = Array(transfers.suffix(3)) + [made]
        return made
    }
}
