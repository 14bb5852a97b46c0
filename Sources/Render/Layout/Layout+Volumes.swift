import Volume

extension Layout {
    /// Each volume the viewports show, once, in order of first appearance, and the brick extremes its views need.
    var volumes: [(volume: ImageVolume, bricks: BrickNeed)] {
        var found: [(volume: ImageVolume, bricks: BrickNeed)] = []
        func add(_ volume: ImageVolume, _ bricks: BrickNeed) {
            if let n = found.firstIndex(where: { $0.volume === volume }) { found[n].bricks = max(found[n].bricks, bricks) } else { found.append((volume, bricks)) }
        }
        for viewport in viewports {
            switch viewport.content {
            case .mpr(_, let volume): add(volume, .none)
            case .mip(_, let volume, _): add(volume, .maxima)
            case .volume(_, let volume): add(volume, .range)
            case .fusion(_, let ct, let pet):
                add(ct, .none)
                add(pet, .none)
            }
        }
        return found
    }
}
