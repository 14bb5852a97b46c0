import Foundation

/// What a thumbnails run does: one picture per series of an archive folder or a DICOMweb server, written with a
/// report into `outputFolder`, placed by `layout`; a shard of the series only; series done by an earlier run kept
/// unless `force`.
public struct ThumbnailsRequest: Sendable {
    /// Where the series come from.
    public enum Source: Sendable, Equatable {
        /// An archive folder, searched recursively (following symbolic links; non-DICOM files are ignored).
        case folder(String)
        /// A DICOMweb server's WADO-RS/QIDO-RS root (listed through QIDO-RS, read with the session's DICOMweb loader).
        case dicomweb(root: String)
    }

    /// The thumbnail sizes a request may ask for, in pixels (width and height).
    public static let sizes = 16...2048
    /// How many series a request may process in parallel.
    public static let parallelSeriesRange = 1...64

    public var source: Source
    public var outputFolder: URL
    public var size: Int
    public var parallelSeries: Int
    public var shard: ThumbnailShard
    public var layout: ThumbnailLayout
    /// Redo series that already have a thumbnail and a report entry.
    public var force: Bool
    /// A folder of DICOM SEG and RTSTRUCT files: each is drawn on the thumbnail of the series it references.
    public var segmentationFolder: String?
    /// How often the report is saved while the run goes on, in seconds (0: after every series).
    public var checkpointSeconds: Double = 30

    public init(
        source: Source, outputFolder: URL, size: Int = 128, parallelSeries: Int = ProcessInfo.processInfo.activeProcessorCount,
        shard: ThumbnailShard = .whole, layout: ThumbnailLayout = .flat, force: Bool = false
    ) {
        self.source = source
        self.outputFolder = outputFolder
        self.size = size
        self.parallelSeries = parallelSeries
        self.shard = shard
        self.layout = layout
        self.force = force
    }

    /// The report: OUTDIR/thumbnails.json, or thumbnails-shard-I-of-N.json for a shard.
    public var reportURL: URL { outputFolder.appendingPathComponent(shard.reportFileName) }

    /// Refuses sizes and parallelism outside the ranges above.
    func check() throws(JobError) {
        guard Self.sizes.contains(size) else { throw .badInput("the thumbnail size must be \(Self.sizes.lowerBound)…\(Self.sizes.upperBound) pixels (got \(size))") }
        guard Self.parallelSeriesRange.contains(parallelSeries) else {
            let range = Self.parallelSeriesRange
            throw .badInput("the series processed in parallel must be \(range.lowerBound)…\(range.upperBound) (got \(parallelSeries))")
        }
    }
}
