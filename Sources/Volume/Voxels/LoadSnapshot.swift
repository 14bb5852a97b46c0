/// Which slices of one volume were published as loaded at one moment, and which version of each.
///
/// Taken with `ImageVolume.snapshot()` under the volume's lock, so it is one consistent moment: a slice
/// counts only once its state is `.loaded`, which `insert` publishes after the slice's bytes are complete;
/// a slice being written (or rewritten) is never in a snapshot, nor is a placeholder. Immutable: the
/// volume may go on loading, the snapshot does not change. A renderer draws a frame from one snapshot
/// per volume, so every viewport of the frame sees the same slices; `restricted(to:)` narrows it to a
/// chosen set (e.g. the first M slices of the retrieval order), which makes a progressive frame deterministic.
public struct LoadSnapshot: Sendable, Equatable {
    /// The `id` of the volume it was taken of.
    public let volumeID: String
    /// The volume it was taken of, by identity (a snapshot does not keep its volume alive).
    package let identity: ObjectIdentifier
    /// The volume's generation stamp when the snapshot was taken.
    public let generation: UInt64
    /// Per slice, the generation stamp of its loaded bytes; 0 when the slice is not in the snapshot.
    private let sliceGenerations: [UInt64]

    init(of volume: ImageVolume, generation: UInt64, sliceGenerations: [UInt64]) {
        self.init(volumeID: volume.id, identity: ObjectIdentifier(volume), generation: generation, sliceGenerations: sliceGenerations)
    }

    private init(volumeID: String, identity: ObjectIdentifier, generation: UInt64, sliceGenerations: [UInt64]) {
        self.volumeID = volumeID
        self.identity = identity
        self.generation = generation
        self.sliceGenerations = sliceGenerations
    }

    /// Number of slices of the volume (loaded or not).
    public var sliceCount: Int { sliceGenerations.count }

    /// True when slice `k` is in the snapshot (false for indices outside the volume).
    public func contains(_ k: Int) -> Bool {
        sliceGenerations.indices.contains(k) && sliceGenerations[k] != 0
    }

    /// The generation stamp of slice `k`'s bytes, or nil when the slice is not in the snapshot.
    public func generation(ofSlice k: Int) -> UInt64? {
        contains(k) ? sliceGenerations[k] : nil
    }

    /// The slices in the snapshot, ascending.
    public var loadedSlices: [Int] { sliceGenerations.indices.filter { sliceGenerations[$0] != 0 } }

    /// Number of slices in the snapshot.
    public var loadedCount: Int { sliceGenerations.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// True when every slice of the volume is in the snapshot.
    public var isComplete: Bool { !sliceGenerations.contains(0) }

    /// The same snapshot holding only those of its slices that are in `slices` (indices outside the volume are ignored).
    public func restricted(to slices: some Sequence<Int>) -> LoadSnapshot {
        var kept = [UInt64](repeating: 0, count: sliceCount)
        for k in slices where sliceGenerations.indices.contains(k) { kept[k] = sliceGenerations[k] }
        return LoadSnapshot(volumeID: volumeID, identity: identity, generation: generation, sliceGenerations: kept)
    }

    /// True when the snapshot was taken of `volume` (the same object, not merely the same id).
    public func isSnapshot(of volume: ImageVolume) -> Bool {
        identity == ObjectIdentifier(volume) && volumeID == volume.id && sliceCount == volume.sliceCount
    }
}
