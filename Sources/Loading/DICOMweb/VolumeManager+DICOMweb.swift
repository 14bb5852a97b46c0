#if DICOMweb
import Foundation
import Volume

extension VolumeManager {
    /// Creates a volume from a DICOMweb series id (`dicomweb:<base>/studies/{s}/series/{se}`): lists its
    /// images from the series metadata (one request, kept for the slices), then allocates the volume.
    /// The registry must hold a `DICOMwebLoader`.
    public func createAndCacheVolume(
        dicomwebSeries seriesID: String, selection: VolumeSelection = .init(), order: RetrievalOrder = .interleaved,
        concurrency: Int = 6, fillPlaceholders: Bool = false
    ) async throws -> StreamingImageVolume {
        guard let loader = try registry.loader(for: seriesID) as? DICOMwebLoader else {
            throw LoadingError.unknownScheme(id: seriesID, scheme: DICOMwebID.scheme, registered: registry.schemes)
        }
        let imageIDs = try await loader.imageIDs(ofSeries: seriesID)
        return try await createAndCacheVolume(
            id: seriesID, imageIDs: imageIDs, selection: selection, order: order, concurrency: concurrency,
            fillPlaceholders: fillPlaceholders)
    }
}
#endif
