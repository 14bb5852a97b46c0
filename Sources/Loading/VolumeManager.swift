import Foundation
import Volume

/// The entry point for volumes: reads every image's metadata, splits the series the way the scanner meant
/// it (stacks, the volumes of a 4D series, images with no place in space), assembles the chosen volume's
/// geometry, reserves its bytes in the cache, allocates it once and hands back a `StreamingImageVolume`
/// whose pixels (only the chosen volume's) arrive when `load()` (or `start()`) is called.
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

    /// The stacks and volumes of the series made of `imageIDs` (all of one loader's scheme), from metadata alone.
    public func layout(imageIDs: [String]) async throws -> SeriesLayout {
        guard let firstID = imageIDs.first else { throw VolumeError.notAVolume(SeriesAssemblyError(problems: [.empty])) }
        let loader = try registry.loader(for: firstID)
        let (slices, withoutGeometry) = try await loadMetadata(imageIDs, loader: loader)
        return SeriesLayout(slices: slices, withoutGeometry: withoutGeometry)
    }

    /// Creates volume `id` from the images `imageIDs` (all of one loader's scheme) and caches it: the volume
    /// `selection` picks (by default stack 0, volume 0); only its images' pixels are fetched.
    public func createAndCacheVolume(
        id: String, imageIDs: [String], selection: VolumeSelection = .init(), order: RetrievalOrder = .interleaved,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, fillPlaceholders: Bool = false
    ) async throws -> StreamingImageVolume {
        let loader = try registry.loader(for: imageIDs.first ?? "")
        let selected = try await layout(imageIDs: imageIDs).volume(selection)
        let assembled = selected.assembly
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
                volume: volume, loader: loader, order: order, concurrency: concurrency,
                fillPlaceholders: fillPlaceholders, choice: selected.choice)
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

    /// Reads the metadata of every image, `metadataConcurrency` at a time, keeping input order; images with
    /// no place in space (no position or orientation) are returned apart, by label, not as an error.
    private func loadMetadata(_ imageIDs: [String], loader: any ImageLoader) async throws -> (slices: [SliceMetadata], withoutGeometry: [String]) {
        try await withThrowingTaskGroup(of: (Int, Result<[SliceMetadata], VolumeError>).self) { group in
            var results = [Result<[SliceMetadata], VolumeError>](repeating: .success([]), count: imageIDs.count)
            var next = 0
            func addNext() {
                guard next < imageIDs.count else { return }
                let index = next, imageID = imageIDs[index]
                next += 1
                group.addTask {
                    do { return (index, .success(try await loader.loadMetadata(imageID: imageID))) }
                    catch let error as VolumeError { guard case .noPlaceInSpace = error else { throw error }; return (index, .failure(error)) }
                }
            }
            for _ in 0..<metadataConcurrency { addNext() }
            while let (index, frames) = try await group.next() {
                results[index] = frames
                addNext()
            }
            var slices: [SliceMetadata] = [], withoutGeometry: [String] = []
            for (imageID, result) in zip(imageIDs, results) {
                switch result {
                case .success(let frames): slices += frames
                case .failure: withoutGeometry.append(SliceMetadata.label(of: imageID))
                }
            }
            return (slices, withoutGeometry)
        }
    }
}
