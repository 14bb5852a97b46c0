/// Which share of an archive a thumbnails run processes: series whose UID hashes to `index` modulo `count`, so
/// array jobs split an archive with no coordinator.
public struct ThumbnailShard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    /// The whole archive (share 0 of 1).
    public static let whole = ThumbnailShard(index: 0, count: 1)

    /// The written form a shard is parsed from, for messages.
    public static let syntax = "i/n with 0 ≤ i < n, e.g. 0/4"

    /// Parses "i/n" with 0 ≤ i < n; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else { return nil }
        self.init(index: parts[0], count: parts[1])
    }

    /// Share `index` of `count`; `count` ≥ 1 and 0 ≤ `index` < `count`.
    public init(index: Int, count: Int) {
        precondition(count >= 1 && (0..<count).contains(index), "shard \(index)/\(count) is not \(Self.syntax)")
        self.index = index
        self.count = count
    }

    /// True when this shard owns `key`: FNV-1a 64 of the key, so every machine agrees without coordination.
    public func owns(_ key: String) -> Bool {
        Int(Self.hash(key) % UInt64(count)) == index
    }

    /// FNV-1a 64 of the key's UTF-8 bytes: the same on every machine and every run.
    static func hash(_ key: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// "i/n".
    public var description: String { "\(index)/\(count)" }

    /// The report's file name: thumbnails.json for the whole archive, else thumbnails-shard-I-of-N.json.
    public var reportFileName: String { self == .whole ? "thumbnails.json" : "thumbnails-shard-\(index)-of-\(count).json" }
}
