import Loading
import Render

extension ThumbnailMaker {
    /// The thumbnail of a DICOMweb series: only the middle slice is fetched (the whole series for a PET MIP) and
    /// drawn in its acquisition plane, rows top to bottom as stored.
    func thumbnail(of listing: DICOMwebSeriesListing) async throws -> Thumbnail {
        try await thumbnail(dicomwebSeries: listing.id, modality: listing.modality)
    }

    /// The thumbnail of the DICOMweb series `id` (a `dicomweb:` series id) of `modality`.
    func thumbnail(dicomwebSeries id: String, modality: String?) async throws -> Thumbnail {
        guard engine != nil else { throw JobError.renderFailed("no renderer for DICOMweb thumbnails") }
        let isPET = modality == "PT"
        let middle = RetrievalOrder(name: "middle") { count in [RetrievalStage(name: "middle", indices: [count / 2])] }
        let opened = try await session.open(.dicomweb(id), order: isPET ? .sequential : middle)
        return try await using(opened) { _ in try await thumbnail(ofOpened: opened) }
    }

    /// The thumbnail of an opened series (not released here): for PET a whole-volume MIP, else the middle slice
    /// drawn in its acquisition plane, rows top to bottom as stored.
    func thumbnail(ofOpened opened: OpenedSeries) async throws -> Thumbnail {
        guard let engine else { throw JobError.renderFailed("no renderer for thumbnails of opened series") }
        let streaming = opened.streaming
        let count = streaming.volume.sliceCount
        if streaming.volume.modality == "PT", count > 1 { return Thumbnail(frame: try await mip(streaming, engine: engine), kind: "MIP", slices: count) }
        _ = await streaming.load()
        let volume = streaming.volume, g = volume.geometry
        guard volume.sliceStates[count / 2] == .loaded else {
            throw JobError.partialFailure("\(streaming.id): the middle slice could not be fetched")
        }
        let centre = g.sliceWorld(Double(g.dimensions.x - 1) / 2, Double(g.dimensions.y - 1) / 2, slice: count / 2)
        let plane = PlaneSpec(centre: centre, right: g.iDirection, up: -g.jDirection)
        let window = WindowPolicy.window(for: volume, plane: plane, representative: opened.representative).window
        let frame = try await engine.render(MPRView(plane: plane, fitting: g, width: size, height: size, window: window), of: volume)
        return Thumbnail(frame: frame, kind: count > 1 ? "middle slice" : "image", slices: count)
    }
}
