/// Which per-brick extremes a frame needs of a volume: none (MPR, fusion), maxima (MIP), or maxima and minima
/// (volume rendering, which skips a brick by its value range).
enum BrickNeed: Int, Comparable {
    case none, maxima, range

    static func < (a: BrickNeed, b: BrickNeed) -> Bool { a.rawValue < b.rawValue }
}
