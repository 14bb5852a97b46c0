import Foundation

/// What a thumbnails run did, counted for its summary line; the details are in the report it wrote.
public struct ThumbnailsSummary: Sendable {
    public var shard: ThumbnailShard
    /// Series of the source in this shard.
    public var seriesInShard: Int
    /// Thumbnails written by this run.
    public var written: Int
    /// Series kept from an earlier run's report.
    public var alreadyDone: Int
    /// Series that failed, plus files of the shard that could not be read.
    public var failed: Int
    /// What was passed over in this shard: non-DICOM files, DICOM objects without an image, broken links.
    public var skipped: SkippedFiles
    public var report: URL
}
