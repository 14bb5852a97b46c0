import DICOM
import Foundation
import Jobs
import Loading
import Raster
import Render
import Volume

/// Makes the thumbnail of one series: the middle slice of a volume (or the image of a single-image
/// series) on the CPU, or a whole-volume MIP through the renderer for PET.
struct ThumbnailMaker: Sendable {
    var size: Int
    var engine: RenderEngine?

    /// The picture and what it shows, plus warnings (irregularities and problems that did not stop it).
    /// A series is split as the scanner meant it: the thumbnail shows its default volume (stack 0, volume 0);
    /// a series with no volume (secondary captures, images without position) shows its middle image in 2D.
    func make(_ series: SeriesScanner.Series) async throws -> (Frame, kind: String, slices: Int, warnings: [String]) {
        var slices: [SliceMetadata] = []
        var withoutGeometry: [String] = []
        var warnings: [String] = []
        for instance in series.instances {
            do { slices += try SliceMetadata.frames(of: instance.file.dataSet, imageID: instance.url.path) } catch {
                if case .noPlaceInSpace = error { withoutGeometry.append(instance.url.lastPathComponent) } else { warnings.append(error.description) }
            }
        }
        var ordered: [SliceMetadata]? = nil
        do {
            let selected = try SeriesLayout(slices: slices, withoutGeometry: withoutGeometry).volume()
            ordered = selected.assembly.slices
            warnings += selected.choice.irregularities.map(\.description)
        } catch { warnings.append(error.description) }

        if series.modality == "PT", let engine, let ordered, ordered.count > 1 {
            return (try await mip(series, engine: engine), "MIP", ordered.count, warnings)
        }
        // The middle slice along the normal when the series is a volume, else the middle instance in path order.
        let middle: (URL, Int)
        if let ordered, let slice = ordered[safe: ordered.count / 2] {
            middle = (URL(fileURLWithPath: slice.imageID), slice.frameIndex)
        } else {
            let instance = series.instances[series.instances.count / 2]
            middle = (instance.url, max(1, instance.file.numberOfFrames) / 2)
        }
        guard let instance = series.instances.first(where: { $0.url == middle.0 }) else {
            throw CommandError(message: "\(middle.0.path): not among the series files", status: .partialFailure)
        }
        let frame = try ImageThumbnail.render(RescaledImage(frame: middle.1, of: instance.file), size: size)
        let count = ordered?.count ?? slices.count
        return (frame, series.instances.count == 1 && count <= 1 ? "image" : "middle slice", count, warnings)
    }

    /// A coronal whole-volume MIP (seen from the front), windowed over the volume's value range.
    private func mip(_ series: SeriesScanner.Series, engine: RenderEngine) async throws -> Frame {
        let loader = FileImageLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: ImageVolumeCache(budgetBytes: 2 << 30))
        let streaming = try await manager.createAndCacheVolume(id: "file:thumbnail", series: series, fileLoader: loader, order: .sequential, concurrency: 1)
        defer { manager.release(volumeID: "file:thumbnail") }
        return try await mip(streaming, engine: engine)
    }

    /// Streams the whole volume and renders its MIP.
    private func mip(_ streaming: StreamingImageVolume, engine: RenderEngine) async throws -> Frame {
        _ = await streaming.load()
        let volume = streaming.volume
        let range = volume.valueRange() ?? (0, 1)
        let window = VOIWindow(centre: range.min + (range.max - range.min) / 2, width: max(1, range.max - range.min))
        let view = MIPView.rotating(volume.geometry, angle: 0, width: size, height: size, window: window)
        let frame = try await engine.render(view, of: volume)
        await engine.release(volume)
        return frame
    }

    /// The thumbnail of a DICOMweb series: only the middle slice is fetched (the whole series for a PET MIP)
    /// and drawn in its acquisition plane, rows top to bottom as stored.
    func make(dicomweb listing: DICOMwebSeriesListing, loader: DICOMwebLoader, engine: RenderEngine) async throws -> (Frame, kind: String, slices: Int) {
        let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: ImageVolumeCache(budgetBytes: 2 << 30))
        let isPET = listing.modality == "PT"
        let middle = RetrievalOrder(name: "middle") { count in [RetrievalStage(name: "middle", indices: [count / 2])] }
        let streaming = try await manager.createAndCacheVolume(dicomwebSeries: listing.id, order: isPET ? .sequential : middle)
        defer { manager.release(volumeID: listing.id) }
        let count = streaming.volume.sliceCount
        if isPET, count > 1 { return (try await mip(streaming, engine: engine), "MIP", count) }
        _ = await streaming.load()
        let volume = streaming.volume, g = volume.geometry
        guard volume.sliceStates[count / 2] == .loaded else {
            throw CommandError(message: "\(listing.id): the middle slice could not be fetched", status: .partialFailure)
        }
        let centre = g.sliceWorld(Double(g.dimensions.x - 1) / 2, Double(g.dimensions.y - 1) / 2, slice: count / 2)
        let plane = PlaneSpec(centre: centre, right: g.iDirection, up: -g.jDirection)
        let window = WindowPolicy.window(for: volume, plane: plane, representative: nil).window
        let frame = try await engine.render(MPRView(plane: plane, fitting: g, width: size, height: size, window: window), of: volume)
        await engine.release(volume)
        return (frame, count > 1 ? "middle slice" : "image", count)
    }
}

extension Array {
    /// The element at `index`, or nil when out of range.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
