import Foundation

/// The memory of large voxel buffers that were released, kept for the next buffer of about the same size.
///
/// Fresh memory costs a page fault and a kernel zero-fill per page on its first write (on a virtual machine several
/// times the cost of the write itself: most of a streamed CT's time was spent there), while memory a released volume
/// used is already mapped: zeroing it again is a `memset`. So a process that loads series after series (thumbnails
/// over an archive, a benchmark's runs) reuses it. Bounds: buffers of at least `minimumBytes`, reused for a request
/// needing at least 4/5 of a block, at most `maximumBytes` kept in all (the oldest freed first).
enum ReleasedVoxelMemory {
    static let minimumBytes = 8 << 20
    static let maximumBytes = 1 << 30

    private static let lock = NSLock()
    nonisolated(unsafe) private static var blocks: [(memory: UnsafeMutableRawPointer, capacity: Int)] = []

    /// A kept block of `bytes` to 5/4 × `bytes`, zero-filled, with its capacity; nil when none fits.
    static func take(_ bytes: Int) -> (memory: UnsafeMutableRawPointer, capacity: Int)? {
        guard bytes >= minimumBytes else { return nil }
        let block: (memory: UnsafeMutableRawPointer, capacity: Int)? = lock.withLock {
            guard let k = blocks.lastIndex(where: { $0.capacity >= bytes && $0.capacity - bytes <= bytes / 4 }) else { return nil }
            return blocks.remove(at: k)
        }
        if let block { memset(block.memory, 0, bytes) }
        return block
    }

    /// Keeps `memory` (`capacity` bytes) for a later buffer, or frees it when it is small or too much is kept.
    static func give(_ memory: UnsafeMutableRawPointer, capacity: Int) {
        guard capacity >= minimumBytes, capacity <= maximumBytes else { return free(memory) }
        let dropped: [UnsafeMutableRawPointer] = lock.withLock {
            blocks.append((memory, capacity))
            var dropped: [UnsafeMutableRawPointer] = []
            while blocks.reduce(0, { $0 + $1.capacity }) > maximumBytes { dropped.append(blocks.removeFirst().memory) }
            return dropped
        }
        dropped.forEach { free($0) }
    }
}
