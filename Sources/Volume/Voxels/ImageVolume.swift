import Foundation

/// A volume whose geometry is known up front and whose slices are written into place as they arrive.
///
/// The voxel buffer is allocated once. Each `insert` writes one slice straight into the buffer, then
/// publishes it as loaded and bumps its generation; `snapshot()` captures which slices are published
/// (and which version of each) at one moment, so a renderer can draw a frame from a fixed set of
/// complete slices while others are still being written.
public final class ImageVolume: @unchecked Sendable {
    /// State of one slice (`.empty` while `insert` writes it).
    public enum SliceState: Sendable, Equatable {
        case empty, placeholder, loaded, failed
    }

    public let id: String
    public let geometry: VolumeGeometry
    public let voxelType: VoxelType
    /// The rescale every stored voxel shares (identity for Float32 volumes, whose rescale is applied at insert).
    public let rescale: Rescale
    public let modality: String?
    /// Slice metadata, in k order.
    public let slices: [SliceMetadata]
    public let buffer: VoxelBuffer

    private let lock = NSLock()
    private var states: [SliceState]
    private var generations: [UInt64]
    private var generationCounter: UInt64 = 0

    public init(
        id: String, geometry: VolumeGeometry, slices: [SliceMetadata], voxelType: VoxelType,
        modality: String?, byteLimit: Int = Int.max
    ) throws(VolumeError) {
        self.id = id
        self.geometry = geometry
        self.slices = slices
        self.voxelType = voxelType
        self.modality = modality
        self.rescale = voxelType == .float32 ? Rescale(type: slices.first?.rescale.type) : (slices.first?.rescale ?? .identity)
        self.buffer = try VoxelBuffer(type: voxelType, count: geometry.voxelCount, limit: byteLimit)
        self.states = Array(repeating: .empty, count: geometry.dimensions.z)
        self.generations = Array(repeating: 0, count: geometry.dimensions.z)
    }

    /// Number of slices.
    public var sliceCount: Int { geometry.dimensions.z }

    /// The raw bytes of slice `k`.
    public func sliceBytes(_ k: Int) -> UnsafeMutableRawBufferPointer {
        buffer.bytes(fromVoxel: k * geometry.sliceVoxelCount, count: geometry.sliceVoxelCount)
    }

    /// Writes slice `k` through `write`, which fills the slice's bytes in this volume's voxel type,
    /// then marks it `state` (loaded, or placeholder for a neighbour's copy).
    ///
    /// While `write` runs the slice is `.empty` with a fresh generation, so no snapshot taken meanwhile
    /// holds it, and a reader that copied it under an older snapshot can tell its copy may be torn. If
    /// `write` throws, the slice stays `.empty` (its bytes are partly written).
    public func insert<E: Error>(
        slice k: Int, state: SliceState = .loaded, _ write: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        precondition(k >= 0 && k < sliceCount, "slice \(k) outside 0..<\(sliceCount)")
        lock.withLock {
            states[k] = .empty
            generationCounter += 1
            generations[k] = generationCounter
        }
        try write(sliceBytes(k))
        lock.withLock {
            states[k] = state
            generationCounter += 1
            generations[k] = generationCounter
        }
    }

    /// The slices published as loaded right now, and the generation of each, taken under the lock.
    public func snapshot() -> LoadSnapshot {
        lock.withLock {
            let loaded = states.indices.map { states[$0] == .loaded ? generations[$0] : 0 }
            return LoadSnapshot(of: self, generation: generationCounter, sliceGenerations: loaded)
        }
    }

    /// Marks slice `k` as failed; its voxels keep whatever they held.
    public func markFailed(slice k: Int) {
        lock.withLock { states[k] = .failed }
    }

    /// The state of every slice.
    public var sliceStates: [SliceState] { lock.withLock { states } }

    /// Number of slices whose real pixels have arrived.
    public var loadedCount: Int { lock.withLock { states.filter { $0 == .loaded }.count } }

    /// The latest generation stamp; pass it to `changedSlices(since:)` next time.
    public var generation: UInt64 { lock.withLock { generationCounter } }

    /// Slices written after `generation`, as coalesced ranges of consecutive indices.
    public func changedSlices(since generation: UInt64) -> [Range<Int>] {
        let snapshot = lock.withLock { generations }
        var ranges: [Range<Int>] = []
        var start: Int? = nil
        for (k, g) in snapshot.enumerated() {
            if g > generation { if start == nil { start = k } } else if let s = start {
                ranges.append(s..<k)
                start = nil
            }
        }
        if let s = start { ranges.append(s..<snapshot.count) }
        return ranges
    }

    /// The rescaled value (e.g. HU, Bq/ml) of voxel (i, j, k).
    public func value(_ i: Int, _ j: Int, _ k: Int) -> Double {
        let d = geometry.dimensions
        return rescale.apply(buffer.value(at: (k * d.y + j) * d.x + i))
    }
}
