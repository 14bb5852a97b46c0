import Foundation

/// One zero-filled allocation holding every voxel of a volume, slice after slice. A large one reuses the memory
/// of one released before it when there is such (`ReleasedVoxelMemory`), zeroed again.
///
/// Ownership rule that makes the unchecked `Sendable` sound: a slice's bytes are written
/// by exactly one writer at a time (the volume's insert, under the volume's lock for
/// bookkeeping), and readers (texture upload, CPU oracles) read whole slices after the
/// volume has published them as loaded. Readers of a slice being rewritten may see a
/// mix of old and new values of that one slice, never out-of-bounds memory.
public final class VoxelBuffer: @unchecked Sendable {
    public let type: VoxelType
    public let count: Int
    public let byteCount: Int
    public let baseAddress: UnsafeMutableRawPointer
    /// Bytes of the allocation (a reused one may be a little larger than `byteCount`).
    private let capacity: Int

    /// Allocates `count` zeroed voxels, or throws when that is more than `limit` bytes.
    public init(type: VoxelType, count: Int, limit: Int) throws(VolumeError) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: type.byteCount)
        guard !overflow, count > 0, bytes <= limit else {
            throw VolumeError.tooLarge(requestedBytes: overflow ? Int.max : bytes, limitBytes: limit)
        }
        self.type = type
        self.count = count
        self.byteCount = bytes
        if let reused = ReleasedVoxelMemory.take(bytes) {
            baseAddress = reused.memory
            capacity = reused.capacity
            return
        }
        guard let memory = calloc(count, type.byteCount) else {
            throw VolumeError.allocationFailed(bytes: bytes)
        }
        self.baseAddress = memory
        self.capacity = bytes
        // Large volumes ask for transparent huge pages: the kernel then zero-fills 2 MiB at a time when a
        // slice is first written, instead of faulting in 4 KiB pages one by one (most of a load's cost).
        if bytes >= 8 << 20 {
            let huge = 2 << 20
            let start = (Int(bitPattern: memory) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: memory) + bytes) & ~(huge - 1)
            if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
        }
    }

    deinit { ReleasedVoxelMemory.give(baseAddress, capacity: capacity) }

    /// The bytes of `length` voxels starting at voxel `start`.
    public func bytes(fromVoxel start: Int, count length: Int) -> UnsafeMutableRawBufferPointer {
        precondition(start >= 0 && length >= 0 && start + length <= count, "voxel range out of bounds")
        return UnsafeMutableRawBufferPointer(start: baseAddress + start * type.byteCount, count: length * type.byteCount)
    }

    /// Reads voxel `index` as a Double (stored value, no rescale).
    @inlinable public func value(at index: Int) -> Double {
        switch type {
        case .int16: return Double(baseAddress.load(fromByteOffset: index * 2, as: Int16.self))
        case .uint16: return Double(baseAddress.load(fromByteOffset: index * 2, as: UInt16.self))
        case .float32: return Double(baseAddress.load(fromByteOffset: index * 4, as: Float.self))
        }
    }
}
