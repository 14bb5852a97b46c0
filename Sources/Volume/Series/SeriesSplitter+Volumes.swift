extension SeriesSplitter {
    /// The volumes of one stack as lists of indices into `slices`, each in the order of `members`,
    /// and the name of the attribute that told them apart (nil for one volume).
    ///
    /// `members` are the stack's indices in input order; `rank` orders images by InstanceNumber, then label.
    func volumes(of members: [Int], in slices: [SliceMetadata], rank: [Int], normal: Vector3)
        -> (distinguishedBy: String?, volumes: [(label: String, members: [Int])])
    {
        let bins = positionBins(members.map { slices[$0].plane.position.dot(normal) })
        var imagesAtPosition: [Int: Int] = [:]
        for bin in bins { imagesAtPosition[bin, default: 0] += 1 }
        let volumeCount = imagesAtPosition.values.max() ?? 0
        guard volumeCount > 1 else { return (nil, [("whole stack", members)]) }

        let keys = members.map { slices[$0].keys }
        var varying: [VolumeKey.Part] = []
        for part in VolumeKey.candidates {
            let key = VolumeKey(parts: [part])
            let values = keys.map(key.value)
            if Set(values).count > 1 { varying.append(part) }
            if let volumes = Self.group(members, by: key, values: values, bins: bins, rank: rank,
                                        volumeCount: volumeCount) {
                return (key.name, volumes)
            }
        }
        if varying.count > 1 {
            let key = VolumeKey(parts: varying)
            let values = keys.map(key.value)
            if let volumes = Self.group(members, by: key, values: values, bins: bins, rank: rank,
                                        volumeCount: volumeCount) {
                return (key.name, volumes)
            }
        }
        let volumes = Self.occurrences(members, bins: bins, rank: rank, volumeCount: volumeCount)
        return ("repeated positions in InstanceNumber order", volumes)
    }

    /// A position number per distance along the normal: distances within `positionTolerance` of the first
    /// distance of a run (in sorted order) share one. Non-finite distances each get their own.
    private func positionBins(_ distances: [Double]) -> [Int] {
        let order = distances.indices.sorted {
            (distances[$0].isFinite ? distances[$0] : .infinity) < (distances[$1].isFinite ? distances[$1] : .infinity)
        }
        var bins = [Int](repeating: 0, count: distances.count)
        var bin = -1
        var start = Double.nan
        for index in order {
            let d = distances[index]
            if !d.isFinite || !(d - start < positionTolerance) {
                bin += 1
                start = d
            }
            bins[index] = bin
        }
        return bins
    }

    /// The volumes `key` gives, ordered by value and then by first image (`rank`), or nil when it gives a
    /// number of volumes other than `volumeCount` (at least 2) or puts two images of one position into one volume.
    private static func group(_ members: [Int], by key: VolumeKey, values: [[[VolumeKey.Component]]], bins: [Int],
                              rank: [Int], volumeCount: Int) -> [(label: String, members: [Int])]?
    {
        var groupOf: [[[VolumeKey.Component]]: Int] = [:]
        var distinct: [[[VolumeKey.Component]]] = []
        var occupied = Set<SIMD2<Int>>()
        var groups = [Int](repeating: 0, count: members.count)
        var firstRank: [Int] = []
        for (local, value) in values.enumerated() {
            let group = groupOf[value] ?? {
                distinct.append(value)
                firstRank.append(.max)
                groupOf[value] = distinct.count - 1
                return distinct.count - 1
            }()
            guard distinct.count <= volumeCount, occupied.insert(SIMD2(group, bins[local])).inserted else { return nil }
            groups[local] = group
            firstRank[group] = min(firstRank[group], rank[members[local]])
        }
        guard distinct.count == volumeCount else { return nil }
        let order = distinct.indices.sorted {
            key.precedes(distinct[$0], distinct[$1])
                || !key.precedes(distinct[$1], distinct[$0]) && firstRank[$0] < firstRank[$1]
        }
        var volumeOf = [Int](repeating: 0, count: distinct.count)
        for (volume, group) in order.enumerated() { volumeOf[group] = volume }
        var volumes = order.map { (label: key.label(distinct[$0]), members: [Int]()) }
        for (local, member) in members.enumerated() { volumes[volumeOf[groups[local]]].members.append(member) }
        return volumes
    }

    /// The n-th image at each position (by `rank`) in volume n. Ordering by occurrence is ordering by
    /// first image: the n+1-th image at a position always follows the n-th.
    private static func occurrences(_ members: [Int], bins: [Int], rank: [Int], volumeCount: Int)
        -> [(label: String, members: [Int])]
    {
        var seen: [Int: Int] = [:]
        var occurrence = [Int](repeating: 0, count: members.count)
        for local in members.indices.sorted(by: { rank[members[$0]] < rank[members[$1]] }) {
            occurrence[local] = seen[bins[local], default: 0]
            seen[bins[local], default: 0] += 1
        }
        var volumes = (0..<volumeCount).map { (label: "occurrence \($0 + 1)", members: [Int]()) }
        for (local, member) in members.enumerated() { volumes[occurrence[local]].members.append(member) }
        return volumes
    }
}
