import Foundation

extension VolumeManager {
    /// Creates a volume from a scanned series, handing the scan's metadata reads to the file loader
    /// so headers are not read twice. The registry must hold `fileLoader`.
    public func createAndCacheVolume(
        id: String, series: SeriesScanner.Series, fileLoader: FileImageLoader, order: RetrievalOrder = .interleaved,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async throws -> StreamingImageVolume {
        let ids = series.instances.map { instance in
            let id = FileImageLoader.imageID(for: instance.url)
            fileLoader.remember(instance.file, for: id)
            return id
        }
        return try await createAndCacheVolume(id: id, imageIDs: ids, order: order, concurrency: concurrency)
    }
}
