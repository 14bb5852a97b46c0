/// One stage of a retrieval order: a named list of slice indices fetched before the next stage starts.
public struct RetrievalStage: Sendable, Equatable {
    public var name: String
    public var indices: [Int]

    public init(name: String, indices: [Int]) {
        self.name = name
        self.indices = indices
    }
}

/// The order slices are fetched in, as data: a list of stages.
///
/// `sequential` is one stage, first to last. `interleaved` (the default) fetches anchor slices
/// (middle, first, last), then every 4th slice, then the slices halfway between those, then
/// the rest, so that a partial volume is spread evenly across its extent.
public struct RetrievalOrder: Sendable, Equatable {
    /// Builds the stages for a volume of `count` slices.
    public var stages: @Sendable (Int) -> [RetrievalStage]
    public var name: String

    public init(name: String, stages: @escaping @Sendable (Int) -> [RetrievalStage]) {
        self.name = name
        self.stages = stages
    }

    public static func == (a: RetrievalOrder, b: RetrievalOrder) -> Bool { a.name == b.name }

    public static let sequential = RetrievalOrder(name: "sequential") { count in
        [RetrievalStage(name: "all", indices: Array(0..<count))]
    }

    public static let interleaved = RetrievalOrder(name: "interleaved") { count in
        guard count > 0 else { return [] }
        var seen = Set<Int>()
        func fresh(_ indices: [Int]) -> [Int] { indices.filter { seen.insert($0).inserted } }
        let anchors = fresh([count / 2, 0, count - 1])
        let every4th = fresh(Array(stride(from: 0, to: count, by: 4)))
        let halfway = fresh(Array(stride(from: 2, to: count, by: 4)))
        let rest = fresh(Array(0..<count))
        return [
            RetrievalStage(name: "anchors", indices: anchors),
            RetrievalStage(name: "every 4th", indices: every4th),
            RetrievalStage(name: "every 4th, offset 2", indices: halfway),
            RetrievalStage(name: "rest", indices: rest),
        ].filter { !$0.indices.isEmpty }
    }

    /// Every index of a `count`-slice volume in fetch order.
    public func order(count: Int) -> [Int] { stages(count).flatMap(\.indices) }
}
