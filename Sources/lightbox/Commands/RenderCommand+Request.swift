import ArgumentParser
import Foundation
import Jobs
import Raster
import Render
import Volume

extension RenderCommand {
    /// The render job this command line asks for (values were checked in `validate`).
    func request() throws -> RenderRequest {
        let (width, height) = try ValueSyntax.size(size)
        let inputs: RenderRequest.Inputs = view.needsPETCT
            ? .petCT(ct: SeriesInput(arguments: [ct ?? ""]), pet: SeriesInput(arguments: [pet ?? ""]))
            : .series(SeriesInput(arguments: self.inputs), seriesUID: series)
        var fixedWindow: (window: VOIWindow, source: String)?
        var volumePreset: VolumePreset?
        switch try preset.map({ try ValueSyntax.preset($0, view: view) }) {
        case .window(let named)?: fixedWindow = (named.window, "preset \(named.rawValue)")
        case .volume(let chosen)?: volumePreset = chosen
        case nil: break
        }
        if let window { fixedWindow = (try ValueSyntax.window(window), "--window") }
        var request = RenderRequest(
            inputs: inputs, view: try requestView(), position: try position.map(ValueSyntax.position),
            slab: slab.map { Slab(thickness: $0, mode: slabMode.mode) }, angleDegrees: angle, elevationDegrees: elevation,
            volumePreset: volumePreset, sampleStep: sampleStep, crop: try crop.map(ValueSyntax.crop), width: width, height: height,
            sampling: sampling.sampling, window: fixedWindow, petWindow: try petWindow.map(ValueSyntax.petWindow) ?? .suv0to6,
            colormap: colormap?.colormap, opacity: opacity, threshold: threshold, orientationLetters: !noLetters,
            selection: VolumeSelection(stack: stack, volume: volume, strict: strict), allowDifferentFrames: allowDifferentFrames,
            progressivePercents: progressive.map(RenderRequest.percents(every:)) ?? [], unloadedSlices: unloaded.mode,
            cine: frames.map(CineLoop.init(frames:)))
        request.segmentations = segmentation.requests
        return request
    }

    private func requestView() throws -> RenderRequest.View {
        func named(_ kind: ViewKind) throws -> ViewPlane {
            switch kind {
            case .coronal: return .coronal
            case .sagittal: return .sagittal
            case .acquisition: return .acquisition
            case .oblique:
                return .oblique(normal: try normal.map { try ValueSyntax.direction($0, option: "--normal") } ?? Vector3(0, 0, 1),
                                up: try up.map { try ValueSyntax.direction($0, option: "--up") })
            default: return .axial
            }
        }
        switch view {
        case .mip: return .mip
        case .volume: return .volume
        case .layout1x3: return .triplanar
        case .layout2x2: return .mprAndVolume
        case .fusion: return .fusion(try named(fusionPlane.kind))
        case .layout3x3: return .petCTLayout
        default: return .mpr(try named(view))
        }
    }

    /// The writer of a --frames loop: an APNG at the output, an MP4 beside it when ffmpeg is on PATH (else a note).
    func cineWriter(_ writer: FrameWriter) throws -> CineWriter? {
        guard let frames else { return nil }
        let mp4 = writer.output.deletingPathExtension().appendingPathExtension("mp4")
        let ffmpeg = VideoWriter.findFFmpeg()
        if ffmpeg == nil && !global.quiet { printError("lightbox: ffmpeg is not installed: writing the animated PNG only, no MP4") }
        if ffmpeg != nil, !force, FileManager.default.fileExists(atPath: mp4.path) {
            throw CommandError.badInput("\(mp4.path) exists; pass --force to overwrite it")
        }
        return try CineWriter(loop: CineLoop(frames: frames), framesPerSecond: fps, apng: writer.output, mp4: mp4, ffmpeg: ffmpeg)
    }

    /// Where frames go: the output and its progressive siblings, in the format its extension names.
    func frameWriter() throws -> FrameWriter {
        let url = URL(fileURLWithPath: output)
        let ext = url.pathExtension.lowercased()
        return FrameWriter(output: url, format: format ?? (["jpg", "jpeg"].contains(ext) ? .jpeg : .png), quality: quality, force: force)
    }
}
