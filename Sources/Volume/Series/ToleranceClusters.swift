/// Groups points whose every coordinate lies within that coordinate's tolerance of a group's first point,
/// in time linear in the number of points.
///
/// Points are hashed into cells ten tolerances wide (cell centres at whole multiples, so the common exact
/// values 0 and ±1 of direction cosines sit mid-cell); a point is compared only with the groups founded in
/// its own cell and, for a coordinate within one tolerance of a cell edge, the neighbouring cell.
/// Non-finite and huge coordinates count as one out-of-range value, so such points group together.
struct ToleranceClusters {
    private let tolerances: [Double]
    private var founders: [[Double]] = []
    private var cells: [[Int]: [Int]] = [:]
    private static let cellWidth = 10.0
    private static let outOfRange = 1e9

    /// One tolerance per coordinate; a tolerance below 1e-12 counts as 1e-12.
    init(tolerances: [Double]) { self.tolerances = tolerances.map { max($0, 1e-12) } }

    /// The group of `point` (numbered from 0 in the order groups were founded): the nearest group whose
    /// founder is within tolerance in every coordinate, else a new group founded by this point.
    mutating func assign(_ point: [Double]) -> Int {
        let p = point.map { $0.isFinite && abs($0) < Self.outOfRange ? $0 : Self.outOfRange }
        var best: (group: Int, distance: Double)?
        for cell in candidateCells(p) {
            for group in cells[cell] ?? [] {
                let d = distance(p, founders[group])
                if d <= 1, best.map({ (d, group) < ($0.distance, $0.group) }) ?? true { best = (group, d) }
            }
        }
        if let best { return best.group }
        founders.append(p)
        cells[home(p), default: []].append(founders.count - 1)
        return founders.count - 1
    }

    /// The largest coordinate difference in units of its tolerance.
    private func distance(_ a: [Double], _ b: [Double]) -> Double {
        zip(zip(a, b), tolerances).reduce(0) { max($0, abs($1.0.0 - $1.0.1) / $1.1) }
    }

    private func home(_ p: [Double]) -> [Int] {
        zip(p, tolerances).map { Self.cell($0 / ($1 * Self.cellWidth)) }
    }

    /// The nearest whole number to a coordinate in cell widths (clamped, so tiny tolerances cannot overflow).
    private static func cell(_ scaled: Double) -> Int { Int(min(max(scaled, -1e15), 1e15).rounded()) }

    /// The cells a founder within tolerance of `p` may sit in.
    private func candidateCells(_ p: [Double]) -> [[Int]] {
        var result: [[Int]] = [[]]
        let edge = 0.5 - 1 / Self.cellWidth
        for (value, tolerance) in zip(p, tolerances) {
            let scaled = value / (tolerance * Self.cellWidth)
            let cell = Self.cell(scaled)
            var options = [cell]
            if scaled - Double(cell) >= edge { options.append(cell + 1) }
            if scaled - Double(cell) <= -edge { options.append(cell - 1) }
            result = result.flatMap { prefix in options.map { prefix + [$0] } }
        }
        return result
    }
}
