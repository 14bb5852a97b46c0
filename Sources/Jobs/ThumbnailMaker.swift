import Foundation
import Loading
import Raster
import Render
import Volume

/// One series' picture and what it shows, with warnings (irregularities and problems that did not stop it).
struct Thumbnail {
    var frame: Frame
    /// "middle slice", "MIP" or "image".
    var kind: String
    var slices: Int
    var warnings: [String] = []
    /// The segmentations drawn on it, by file name.
    var segmentations: [String] = []
}

/// Makes the thumbnail of one series and its report entry, writing it where the layout places it. Volumes it
/// opens go through the session and are released (with their headers) as soon as the picture is drawn, so memory
/// does not grow with the archive.
struct ThumbnailMaker: Sendable {
    var size: Int
    var folder: URL
    var layout: ThumbnailLayout
    var session: LightboxSession
    /// The renderer for PET MIPs, DICOMweb series and segmentations; without one a PET shows its middle slice.
    var engine: RenderEngine?
    /// Segmentations to draw on the thumbnails of the series they reference.
    var segmentations = SegmentationIndex()

    /// The report entry of one series, its thumbnail written (or why not).
    func entry(for series: ThumbnailSeries) async -> ThumbnailReport.Entry {
        switch series {
        case .files(let index):
            let (loaded, failures) = SeriesScanner().load(index)
            guard let series = loaded else {
                let reasons = failures.map(\.error.description).joined(separator: "; ")
                return ThumbnailReport.Entry(
                    seriesInstanceUID: index.seriesInstanceUID, modality: index.modality, instances: index.paths.count, slices: 0,
                    status: .error, error: reasons.isEmpty ? "no file of the series reads any more" : reasons)
            }
            let ds = series.representative
            let entry = ThumbnailReport.Entry(
                seriesInstanceUID: series.seriesInstanceUID, studyInstanceUID: ds.string(.studyInstanceUID), patientID: ds.string(.patientID),
                modality: series.modality, instances: series.instances.count, slices: 0, status: .ok,
                seriesDescription: ds.string(.seriesDescription))
            return await write(entry) { try await thumbnail(of: series) }
        case .dicomweb(let listing):
            let entry = ThumbnailReport.Entry(
                seriesInstanceUID: listing.seriesInstanceUID, studyInstanceUID: listing.studyInstanceUID, modality: listing.modality,
                instances: listing.instances ?? 0, slices: 0, status: .ok)
            return await write(entry) { try await thumbnail(of: listing) }
        }
    }

    /// Draws the thumbnail and writes it, filling in what it shows; a failure becomes the entry's error.
    private func write(_ entry: ThumbnailReport.Entry, draw: () async throws -> Thumbnail) async -> ThumbnailReport.Entry {
        var entry = entry
        do {
            let thumbnail = try await draw()
            let path = layout.path(seriesUID: entry.seriesInstanceUID ?? "", studyUID: entry.studyInstanceUID)
            try PNGCodec.write(thumbnail.frame, to: folder.appendingPathComponent(path))
            entry.kind = thumbnail.kind
            entry.slices = thumbnail.slices
            entry.output = path
            entry.warnings = thumbnail.warnings.isEmpty ? nil : thumbnail.warnings
            entry.segmentations = thumbnail.segmentations.isEmpty ? nil : thumbnail.segmentations
        } catch {
            entry.status = .error
            entry.error = String(describing: error)
        }
        return entry
    }

    /// Runs `body` on an opened series and releases it (cache, GPU texture, headers) however `body` ends.
    func using<T>(_ opened: OpenedSeries, _ body: (StreamingImageVolume) async throws -> T) async throws -> T {
        do {
            let result = try await body(opened.streaming)
            await session.release(opened)
            return result
        } catch {
            await session.release(opened)
            throw error
        }
    }

    /// Streams the whole volume and renders a coronal MIP (seen from the front), windowed over its value range.
    func mip(_ streaming: StreamingImageVolume, engine: RenderEngine) async throws -> Frame {
        _ = await streaming.load()
        return try await engine.render(mipView(of: streaming.volume), of: streaming.volume)
    }

    /// The thumbnail's coronal MIP of a loaded volume, windowed over its value range.
    func mipView(of volume: ImageVolume) -> MIPView {
        let range = volume.valueRange() ?? (0, 1)
        let window = VOIWindow(centre: range.min + (range.max - range.min) / 2, width: max(1, range.max - range.min))
        return MIPView.rotating(volume.geometry, angle: 0, width: size, height: size, window: window)
    }
}
