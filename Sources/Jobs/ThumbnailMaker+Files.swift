import Foundation
import Loading
import Render
import Volume

extension ThumbnailMaker {
    /// The thumbnail of a scanned series. It is split as the scanner meant it: the thumbnail shows its default
    /// volume (stack 0, volume 0) — the middle slice drawn on the CPU, or for PET a whole-volume MIP through the
    /// renderer; a series with no volume (secondary captures, images without position) shows its middle image. A
    /// volume that segmentations reference is drawn with them by the renderer (`segmented`).
    func thumbnail(of series: SeriesScanner.Series) async throws -> Thumbnail {
        var slices: [SliceMetadata] = []
        var withoutGeometry: [String] = []
        var warnings: [String] = []
        for instance in series.instances {
            do { slices += try SliceMetadata.frames(of: instance.file.dataSet, imageID: instance.url.path) } catch {
                if case .noPlaceInSpace = error { withoutGeometry.append(instance.url.lastPathComponent) } else { warnings.append(error.description) }
            }
        }
        var ordered: [SliceMetadata] = []
        do {
            let selected = try SeriesLayout(slices: slices, withoutGeometry: withoutGeometry).volume()
            ordered = selected.assembly.slices
            warnings += selected.choice.irregularities.map(\.description)
        } catch { warnings.append(error.description) }

        let segmentationFiles = segmentations[series.seriesInstanceUID]
        if !segmentationFiles.isEmpty, let engine, ordered.count > 1 {
            let opened = try await session.open(series, order: .sequential, concurrency: 1)
            var thumbnail = try await using(opened) { try await segmented($0, segmentationFiles, engine: engine) }
            thumbnail.warnings = warnings + thumbnail.warnings
            return thumbnail
        }
        if series.modality == "PT", let engine, ordered.count > 1 {
            let opened = try await session.open(series, order: .sequential, concurrency: 1)
            let frame = try await using(opened) { try await mip($0, engine: engine) }
            return Thumbnail(frame: frame, kind: "MIP", slices: ordered.count, warnings: warnings)
        }
        // The middle slice along the normal when the series is a volume, else the middle instance in path order.
        let middle: (url: URL, frame: Int)
        if ordered.isEmpty {
            let instance = series.instances[series.instances.count / 2]
            middle = (instance.url, max(1, instance.file.numberOfFrames) / 2)
        } else {
            let slice = ordered[ordered.count / 2]
            middle = (URL(fileURLWithPath: slice.imageID), slice.frameIndex)
        }
        guard let instance = series.instances.first(where: { $0.url == middle.url }) else {
            throw JobError.partialFailure("\(middle.url.path): not among the series files")
        }
        let frame = try ImageThumbnail.render(RescaledImage(frame: middle.frame, of: instance.file), size: size)
        let count = ordered.isEmpty ? slices.count : ordered.count
        return Thumbnail(frame: frame, kind: series.instances.count == 1 && count <= 1 ? "image" : "middle slice", slices: count, warnings: warnings)
    }
}
