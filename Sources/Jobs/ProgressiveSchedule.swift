import Loading
import Volume

/// When each progressive frame of a render job is due, per volume: the N % frame waits until the first
/// ⌈N % × slices⌉ slices of the volume's retrieval order have all arrived (or failed), and shows exactly those.
struct ProgressiveSchedule {
    private let orders: [[Int]]
    private var done: [Set<Int>]
    /// Per volume, how many leading entries of its order are done.
    private var leading: [Int]
    private var pending: [Int]

    init(volumes: [StreamingImageVolume], percents: [Int]) {
        orders = volumes.map { $0.order.order(count: $0.volume.sliceCount) }
        done = volumes.map { _ in [] }
        leading = volumes.map { _ in 0 }
        pending = Array(Set(percents.filter { (1...99).contains($0) })).sorted()
    }

    /// The slices the N % frame of volume `v` shows.
    func slices(percent: Int, volume v: Int) -> ArraySlice<Int> {
        orders[v].prefix(Self.count(percent: percent, of: orders[v].count))
    }

    /// ⌈percent × count / 100⌉.
    static func count(percent: Int, of count: Int) -> Int { (percent * count + 99) / 100 }

    /// Records that slice `k` of volume `v` is done; returns the percentages now due, in order.
    mutating func sliceDone(_ k: Int, volume v: Int) -> [Int] {
        done[v].insert(k)
        while leading[v] < orders[v].count, done[v].contains(orders[v][leading[v]]) { leading[v] += 1 }
        var due: [Int] = []
        while let next = pending.first, orders.indices.allSatisfy({ leading[$0] >= Self.count(percent: next, of: orders[$0].count) }) {
            due.append(pending.removeFirst())
        }
        return due
    }

    /// Percentages still due when streaming ends early (cancelled or every slice failed): drawn with what arrived.
    mutating func remaining() -> [Int] {
        defer { pending = [] }
        return pending
    }
}
