import Volume

/// How a frame shows the slices that are not in its load snapshot.
///
/// Whatever the choice, nothing outside the snapshot is ever sampled. Which sample "has data" follows the
/// slice nearest to it (in slice index, after an irregular stack's table): a sample whose nearest slice
/// is in the snapshot is drawn (trilinear between its two slices when both are in, else from that slice
/// alone, bilinear in-plane); any other sample has no data.
public enum UnloadedSlices: Sendable, Equatable {
    /// No data: black in grey views and in the PET-only layer, transparent in the PET layer of a fusion
    /// (the CT shows through), left out of MIPs and slab reductions.
    case background
    /// Each absent slice is drawn as a copy of the nearest slice in the snapshot (nearest by position
    /// along the stack; ties go to the lower index), as the loader's placeholders would be. A volume with
    /// no slice in the snapshot still has no data.
    case nearestLoaded
}

extension UnloadedSlices {
    /// Per slice, the slice whose voxels stand for it in a frame drawn from `snapshot`: itself when it is
    /// in the snapshot, its stand-in under `.nearestLoaded`, else -1 (no data). `positions` are the slices'
    /// places along the stack, ascending (slice indices for a grid).
    func sources(_ snapshot: LoadSnapshot, positions: [Double]) -> [Int] {
        let present = snapshot.loadedSlices
        guard self == .nearestLoaded, !present.isEmpty else {
            return (0..<snapshot.sliceCount).map { snapshot.contains($0) ? $0 : -1 }
        }
        var sources = [Int](repeating: 0, count: snapshot.sliceCount)
        var next = 0   // index into `present` of the first loaded slice at or above k
        for k in 0..<snapshot.sliceCount {
            while next < present.count, present[next] < k { next += 1 }
            if next < present.count, present[next] == k { sources[k] = k; continue }
            let below = next > 0 ? present[next - 1] : nil, above = next < present.count ? present[next] : nil
            switch (below, above) {
            case let (b?, a?): sources[k] = positions[k] - positions[b] <= positions[a] - positions[k] ? b : a
            case let (b?, nil): sources[k] = b
            case let (nil, a?): sources[k] = a
            case (nil, nil): sources[k] = -1
            }
        }
        return sources
    }
}
