import Volume

extension Layout {
    /// Each volume the viewports show, once, in order of first appearance, and whether a ray-cast MIP draws it.
    var volumes: [(volume: ImageVolume, mip: Bool)] {
        var found: [(volume: ImageVolume, mip: Bool)] = []
        func add(_ volume: ImageVolume, mip: Bool) {
            if let n = found.firstIndex(where: { $0.volume === volume }) { found[n].mip = found[n].mip || mip } else { found.append((volume, mip)) }
        }
        for viewport in viewports {
            switch viewport.content {
            case .mpr(_, let volume): add(volume, mip: false)
            case .mip(_, let volume, _): add(volume, mip: true)
            case .fusion(_, let ct, let pet):
                add(ct, mip: false)
                add(pet, mip: false)
            }
        }
        return found
    }
}
