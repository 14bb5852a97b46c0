import Foundation
import Loading
import Render
import Segmentation
import Volume

extension ThumbnailMaker {
    /// The thumbnail of a series with segmentations (`thumbnails --seg-from`), drawn by the renderer: the streamed
    /// volume's middle stored slice (the plain thumbnail's picture, in the files' window) with each segmentation
    /// filled and outlined, or for PET the whole-volume MIP with each segmentation's projection outlined. A
    /// segmentation that cannot be read or placed on the series is left out with a warning naming the file.
    func segmented(_ streaming: StreamingImageVolume, _ files: [URL], engine: RenderEngine) async throws -> Thumbnail {
        _ = await streaming.load()
        let volume = streaming.volume
        let isPET = volume.modality == "PT"
        var overlays: [SegmentationOverlay] = [], warnings: [String] = []
        for url in files {
            do {
                let labels = try LabelVolume.read(url, imageGrid: volume.geometry, imageFrameOfReference: volume.slices.first?.frameOfReferenceUID)
                overlays.append(SegmentationOverlay(labels: labels, style: isPET ? .outline : .both))
            } catch {
                warnings.append("segmentation not drawn: \(error.description)")
            }
        }
        var layout: Layout
        if isPET {
            layout = .single(.mip(mipView(of: volume), volume, colormap: .grey), orientationLetters: false)
        } else {
            let plane = try PlaneSpec.make(.acquisition, position: nil, in: volume.geometry)
            let range = volume.valueRange() ?? (0, 1)
            let window = VOIWindow.fromSlices(of: volume, plane: plane)?.window
                ?? (volume.modality == "CT" ? .mediastinum : .covering(range.min, range.max))
            layout = .single(.mpr(MPRView(plane: plane, fitting: volume.geometry, width: size, height: size, window: window), volume), orientationLetters: false)
        }
        layout.segmentations = overlays
        layout.segmentationLegend = false
        let frame = try await engine.render(layout).frame
        let kind = (isPET ? "MIP" : "middle slice") + (overlays.isEmpty ? "" : " with \(overlays.count) segmentation" + (overlays.count == 1 ? "" : "s"))
        return Thumbnail(frame: frame, kind: kind, slices: volume.geometry.dimensions.z, warnings: warnings,
                         segmentations: overlays.map(\.labels.source))
    }
}
