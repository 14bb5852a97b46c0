import Foundation

/// Compares corner points as sets (dcm2niix may reverse the row or slice order, so corners are matched to the
/// nearest one of the other set, not by index).
enum CornerMatching {
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    }

    /// For each point of `points`, the distance to the nearest point of `others`; the largest of those, mm.
    static func farthestFromNearest(_ points: [[Double]], in others: [[Double]]) -> Double {
        points.map { p in others.map { distance(p, $0) }.min() ?? .infinity }.max() ?? 0
    }

    /// Both directions: every point of `a` near one of `b` and every point of `b` near one of `a`.
    static func setDistance(_ a: [[Double]], _ b: [[Double]]) -> Double {
        max(farthestFromNearest(a, in: b), farthestFromNearest(b, in: a))
    }
}
