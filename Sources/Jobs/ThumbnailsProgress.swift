/// What a thumbnails run reports while it runs.
public enum ThumbnailsProgress: Sendable {
    /// The work is known: series found, series in the shard, and series to do (the rest were done by an earlier run).
    case planned(found: Int, inShard: Int, toDo: Int)
    /// One series is done (`done` of the series to do), with its report entry.
    case finished(ThumbnailReport.Entry, done: Int)
}
