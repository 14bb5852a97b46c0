import Foundation
import Volume

extension VolumeManager {
    /// Creates a volume from a scanned series, handing the scan's metadata reads to the file loader
    /// so headers are not read twice. The registry must hold `fileLoader`.
    public func createAndCacheVolume(
        id: String, series: SeriesScanner.Series, fileLoader: FileImageLoader, selection: VolumeSelection = .init(),
        order: RetrievalOrder = .interleaved, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async throws -> StreamingImageVolume {
        try await createAndCacheVolume(
            id: id, imageIDs: Self.imageIDs(of: series, fileLoader: fileLoader), selection: selection, order: order,
            concurrency: concurrency)
    }

    /// The stacks and volumes of a scanned series, from the scan's metadata (no file is read again).
    public func layout(series: SeriesScanner.Series, fileLoader: FileImageLoader) async throws -> SeriesLayout {
        try await layout(imageIDs: Self.imageIDs(of: series, fileLoader: fileLoader))
    }

    /// The file ids of a scanned series' images, their headers handed to `fileLoader`.
    private static func imageIDs(of series: SeriesScanner.Series, fileLoader: FileImageLoader) -> [String] {
        series.instances.map { instance in
            let id = FileImageLoader.imageID(for: instance.url)
            fileLoader.remember(instance.file, for: id)
            return id
        }
    }
}
