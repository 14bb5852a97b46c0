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
        if let window { fixedWindow = (try ValueSyntax.window(window), "--window") } else if let preset { fixedWindow = (preset.window, "preset \(preset.rawValue)") }
        var request = RenderRequest(
            inputs: inputs, view: try requestView(), position: try position.map(ValueSyntax.position),
            slab: slab.map { Slab(thickness: $0, mode: slabMode.mode) }, angleDegrees: angle, width: width, height: height,
            sampling: sampling.sampling, window: fixedWindow, petWindow: try petWindow.map(ValueSyntax.petWindow) ?? .suv0to6,
            colormap: colormap?.colormap, opacity: opacity, threshold: threshold, orientationLetters: !noLetters,
            selection: VolumeSelection(stack: stack, volume: volume, strict: strict), allowDifferentFrames: allowDifferentFrames,
            progressivePercents: progressive.map(RenderRequest.percents(every:)) ?? [], unloadedSlices: unloaded.mode)
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
        case .layout1x3: return .triplanar
        case .fusion: return .fusion(try named(fusionPlane.kind))
        case .layout3x3: return .petCTLayout
        default: return .mpr(try named(view))
        }
    }

    /// Where frames go: the output and its progressive siblings, in the format its extension names.
    func frameWriter() throws -> FrameWriter {
        let url = URL(fileURLWithPath: output)
        let ext = url.pathExtension.lowercased()
        return FrameWriter(output: url, format: format ?? (["jpg", "jpeg"].contains(ext) ? .jpeg : .png), quality: quality, force: force)
    }
}
