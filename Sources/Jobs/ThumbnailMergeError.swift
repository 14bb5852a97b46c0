/// Why shard reports could not be merged; nothing is written then. Each message names the reports concerned.
public enum ThumbnailMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No report was given.
    case noReports
    /// A report could not be read or is no thumbnails report.
    case unreadable(path: String, reason: String)
    /// A report's shard is not "i/n".
    case notAShardReport(path: String, shard: String)
    /// The reports come from runs with different shard counts ("name: i/n" each).
    case countsDiffer([String])
    /// The reports come from runs with different layouts ("name: layout" each).
    case layoutsDiffer([String])
    /// Shards are missing or repeated, or series or files appear more than once.
    case incomplete(ThumbnailMergeProblems)

    public var description: String {
        switch self {
        case .noReports: return "no report to merge: give the thumbnails-shard-I-of-N.json of every shard"
        case .unreadable(let path, let reason): return "cannot read the report \(path): \(reason)"
        case .notAShardReport(let path, let shard): return "\(path): shard '\(shard)' is not i/n"
        case .countsDiffer(let shards): return "the reports come from different shard counts: \(shards.joined(separator: ", "))"
        case .layoutsDiffer(let layouts): return "the reports come from different layouts: \(layouts.joined(separator: ", "))"
        case .incomplete(let problems): return "the reports do not make one whole archive of \(problems.count) shards: \(problems)"
        }
    }
}
