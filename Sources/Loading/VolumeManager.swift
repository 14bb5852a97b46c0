import Foundation
import Volume

/// The entry point for volumes: reads every image's metadata, assembles the geometry, reserves the
/// bytes in the cache, allocates the volume once and hands back a `StreamingImageVolume` whose
/// pixels arrive when `load()` (or `start()`) is called.
public final class VolumeManager: Sendable {
    public let registry: LoaderRegistry
    public let cache: ImageVolumeCache
    /// Metadata requests in flight at once.
    public let metadataConcurrency: Int

    public init(registry: LoaderRegistry, cache: ImageVolumeCache = ImageVolumeCache(), metadataConcurrency: Int = 8) {
        self.registry = registry
        self.cache = cache
        self.metadataConcurrency = max(1, metadataConcurrency)
    }

    /// Creates volume `id` from `imageIDs` (all of one loader's scheme) and caches it.
    public func createAndCacheVolume(
        id: String, imageIDs: [String], order: RetrievalOrder = .interleaved,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, retry: RetryPolicy = .standard,
        fillPlaceholders: Bool = false
    ) async throws -> StreamingImageVolume {
        guard let firstID = imageIDs.first else { throw VolumeError.notAVolume(SeriesAssemblyError(problems: [.empty])) }
        let loader = try registry.loader(for: firstID)
        let metadata = try await loadMetadata(imageIDs, loader: loader)
        let assembled: SeriesAssembly
        do {
            assembled = try SeriesAssembler().assemble(metadata)
        } catch {
            throw VolumeError.notAVolume(error)
        }
        let voxelType = VoxelType.choose(for: assembled.slices)
        // Sizes come from headers: multiply with overflow checks, and refuse before anything is allocated.
        let d = assembled.geometry.dimensions
        let product = [d.x, d.y, d.z, voxelType.byteCount].reduce((value: 1, overflow: false)) { partial, factor in
            let step = partial.value.multipliedReportingOverflow(by: factor)
            return (step.partialValue, partial.overflow || step.overflow)
        }
        let bytes = product.overflow ? Int.max : product.value
        let item = "volume \(id) (\(d.x)×\(d.y)×\(d.z) voxels of \(voxelType.byteCount) bytes)"
        try cache.reserveVolume(id: id, bytes: bytes, item: item)
        do {
            let volume = try ImageVolume(
                id: id, geometry: assembled.geometry, slices: assembled.slices, voxelType: voxelType,
                modality: assembled.slices.first?.modality)
            try cache.putVolume(volume)
            return StreamingImageVolume(
                volume: volume, loader: loader, order: order, concurrency: concurrency, retry: retry,
                fillPlaceholders: fillPlaceholders)
        } catch {
            cache.releaseVolume(id: id)
            throw error
        }
    }

    /// One 2D image: from the cache when present (e.g. after decaching a volume), else from its loader.
    public func loadImage(id imageID: String, frame: Int = 0) async throws -> SliceImage {
        if let cached = cache.image(id: imageID, frame: frame) { return cached }
        let loader = try registry.loader(for: imageID)
        let frames = try await loader.loadMetadata(imageID: imageID)
        guard let metadata = frames.first(where: { $0.frameIndex == frame }) else {
            throw LoadingError.sliceFailed(imageID: imageID, reason: "has no frame \(frame + 1) (it has \(frames.count))")
        }
        let payload = try await loader.loadPixels(of: metadata)
        let voxelType = VoxelType.choose(for: [metadata])
        var bytes = [UInt8](repeating: 0, count: metadata.plane.rows * metadata.plane.columns * voxelType.byteCount)
        try bytes.withUnsafeMutableBytes { try payload.write(into: $0, as: voxelType) }
        let image = SliceImage(
            metadata: metadata, voxelType: voxelType,
            rescale: voxelType == .float32 ? Rescale(type: metadata.rescale.type) : metadata.rescale, bytes: bytes)
        try cache.putImage(image)
        return image
    }

    /// Releases a volume; with `decache` its slices stay cached as images where the budget allows.
    @discardableResult
    public func release(volumeID: String, decache: Bool = false) -> Int {
        cache.releaseVolume(id: volumeID, decache: decache)
    }

    /// Reads the metadata of every image, `metadataConcurrency` at a time, keeping input order.
    private func loadMetadata(_ imageIDs: [String], loader: any ImageLoader) async throws -> [SliceMetadata] {
        try await withThrowingTaskGroup(of: (Int, [SliceMetadata]).self) { group in
            var results = [[SliceMetadata]](repeating: [], count: imageIDs.count)
            var next = 0
            func addNext() {
                guard next < imageIDs.count else { return }
                let index = next, imageID = imageIDs[index]
                next += 1
                group.addTask { (index, try await loader.loadMetadata(imageID: imageID)) }
            }
            for _ in 0..<metadataConcurrency { addNext() }
            while let (index, frames) = try await group.next() {
                results[index] = frames
                addNext()
            }
            return results.flatMap { $0 }
        }
    }
}
