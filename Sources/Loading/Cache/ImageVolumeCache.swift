import Foundation
import Volume

/// One cache for images and volumes under a byte budget.
///
/// Rules: images are evictable, least recently used first; volumes stay until released.
/// Adding what cannot fit after evicting every image gives `CacheError.sizeExceeded`.
/// Releasing a volume with `decache: true` keeps its slices as cached images, as many as
/// the budget allows, so later 2D requests are served without a fetch.
public final class ImageVolumeCache: @unchecked Sendable {
    public let budgetBytes: Int
    private let lock = NSLock()
    private var volumes: [String: ImageVolume] = [:]
    /// Reserved bytes per volume id (volumes reserve before their buffer is allocated).
    private var volumeBytes: [String: Int] = [:]
    private var images: [String: SliceImage] = [:]
    /// Image keys from least to most recently used.
    private var recency: [String] = []
    private var imageBytes = 0
    private var peak = 0

    /// A cache of `budgetBytes` (default 1 GiB).
    public init(budgetBytes: Int = 1 << 30) {
        self.budgetBytes = budgetBytes
    }

    /// Bytes held now by images and volumes together.
    public var usedBytes: Int { lock.withLock { used } }
    /// The most bytes ever held at once.
    public var peakBytes: Int { lock.withLock { peak } }
    public var imageCount: Int { lock.withLock { images.count } }
    public var volumeIDs: [String] { lock.withLock { volumes.keys.sorted() } }

    private var used: Int { imageBytes + volumeBytes.values.reduce(0, +) }

    static func key(_ imageID: String, frame: Int) -> String { frame == 0 ? imageID : "\(imageID)#\(frame)" }

    /// Reserves `bytes` for volume `id` before it is allocated, evicting images as needed.
    /// `item` names it in a refusal (default "volume <id>").
    public func reserveVolume(id: String, bytes: Int, item: String? = nil) throws(CacheError) {
        try lock.withTypedLock { () throws(CacheError) -> Void in
            guard volumeBytes[id] == nil else { throw .duplicateVolume(id: id) }
            try makeRoom(for: bytes, item: item ?? "volume \(id)")
            volumeBytes[id] = bytes
            peak = max(peak, used)
        }
    }

    /// Attaches the allocated volume to its reservation (reserving now if needed).
    public func putVolume(_ volume: ImageVolume) throws(CacheError) {
        let reserved = lock.withLock { volumeBytes[volume.id] != nil }
        if !reserved { try reserveVolume(id: volume.id, bytes: volume.buffer.byteCount) }
        lock.withLock { volumes[volume.id] = volume }
    }

    /// The cached volume `id`.
    public func volume(id: String) -> ImageVolume? { lock.withLock { volumes[id] } }

    /// Drops volume `id`. With `decache`, its loaded slices stay as images while the budget allows;
    /// returns how many slices were kept.
    @discardableResult
    public func releaseVolume(id: String, decache: Bool = false) -> Int {
        lock.withLock {
            let volume = volumes.removeValue(forKey: id)
            volumeBytes.removeValue(forKey: id)
            guard decache, let volume else { return 0 }
            var kept = 0
            let states = volume.sliceStates
            for k in 0..<volume.sliceCount where states[k] == .loaded {
                guard let image = volume.image(at: k), used + image.byteCount <= budgetBytes else { break }
                storeImage(image)
                kept += 1
            }
            return kept
        }
    }

    /// Caches a 2D image, evicting older images as needed.
    public func putImage(_ image: SliceImage) throws(CacheError) {
        try lock.withTypedLock { () throws(CacheError) -> Void in
            let key = Self.key(image.imageID, frame: image.metadata.frameIndex)
            if let old = images.removeValue(forKey: key) {
                imageBytes -= old.byteCount
                recency.removeAll { $0 == key }
            }
            try makeRoom(for: image.byteCount, item: "image \(image.metadata.label)")
            storeImage(image)
        }
    }

    /// The cached image, marked most recently used.
    public func image(id imageID: String, frame: Int = 0) -> SliceImage? {
        lock.withLock {
            let key = Self.key(imageID, frame: frame)
            guard let image = images[key] else { return nil }
            recency.removeAll { $0 == key }
            recency.append(key)
            return image
        }
    }

    private func storeImage(_ image: SliceImage) {
        let key = Self.key(image.imageID, frame: image.metadata.frameIndex)
        images[key] = image
        recency.append(key)
        imageBytes += image.byteCount
        peak = max(peak, used)
    }

    /// Evicts least recently used images until `bytes` more fit; must hold the lock.
    private func makeRoom(for bytes: Int, item: String) throws(CacheError) {
        let pinned = volumeBytes.values.reduce(0, +)
        guard bytes >= 0, bytes <= budgetBytes - pinned else {
            throw .sizeExceeded(item: item, requestedBytes: bytes, budgetBytes: budgetBytes, pinnedBytes: pinned)
        }
        while used + bytes > budgetBytes, !recency.isEmpty {
            let key = recency.removeFirst()
            if let old = images.removeValue(forKey: key) { imageBytes -= old.byteCount }
        }
    }
}
