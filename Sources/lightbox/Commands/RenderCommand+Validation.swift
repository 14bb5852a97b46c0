import ArgumentParser
import Foundation

extension RenderCommand {
    /// Checks each value's syntax and range, and that the options fit the view, before anything is read.
    func validate() throws {
        _ = try ValueSyntax.size(size)
        if let window { _ = try ValueSyntax.window(window) }
        if let petWindow { _ = try ValueSyntax.petWindow(petWindow) }
        if let position { _ = try ValueSyntax.position(position) }
        if let normal { _ = try ValueSyntax.direction(normal, option: "--normal") }
        if let up { _ = try ValueSyntax.direction(up, option: "--up") }
        if let preset { _ = try ValueSyntax.preset(preset, view: view) }
        if let crop { _ = try ValueSyntax.crop(crop) }
        if let sampleStep, !(sampleStep > 0 && sampleStep.isFinite) { throw ValidationError("--sample-step must be a positive distance in mm (got \(sampleStep))") }
        if (elevation != 0 || sampleStep != nil || crop != nil) && !view.rendersVolume {
            throw ValidationError("--elevation, --sample-step and --crop apply to --view volume and layout-2x2")
        }
        if let slab, !(slab > 0 && slab.isFinite) { throw ValidationError("--slab must be a positive thickness in mm (got \(slab))") }
        guard volume >= 0, stack >= 0 else { throw ValidationError("--volume and --stack are 0-based indices (got \(volume), \(stack))") }
        if let progressive, !(1...100).contains(progressive) { throw ValidationError("--progressive must be a percentage 1…100 (got \(progressive))") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be 1…100 (got \(quality))") }
        if frames != nil {   // the frame count and the view are checked by the job (CineLoop)
            guard format != .jpeg, !["jpg", "jpeg"].contains((output as NSString).pathExtension.lowercased()) else {
                throw ValidationError("--frames writes an animated PNG: give a .png --output")
            }
            guard progressive == nil else { throw ValidationError("--frames and --progressive do not go together") }
        }
        guard (1...120).contains(fps) else { throw ValidationError("--fps must be 1…120 (got \(fps))") }
        guard (0...1).contains(opacity) else { throw ValidationError("--opacity must be 0…1 (got \(opacity))") }
        if (normal != nil || up != nil) && view != .oblique { throw ValidationError("--normal and --up apply to --view oblique") }
        if slab != nil && [.mip, .volume, .layout1x3, .layout2x2, .layout3x3].contains(view) { throw ValidationError("--slab applies to single MPR and fusion views") }
        if view.needsPETCT {
            guard ct != nil, pet != nil, inputs.isEmpty else { throw ValidationError("--view \(view.rawValue) needs --ct and --pet (and no other inputs)") }
        } else {
            guard ct == nil, pet == nil else { throw ValidationError("--ct/--pet go with --view fusion or layout-3x3") }
            guard !inputs.isEmpty else { throw ValidationError("give a series folder or files to render") }
        }
    }
}
