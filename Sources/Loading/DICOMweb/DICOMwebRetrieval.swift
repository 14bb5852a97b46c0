/// How `DICOMwebLoader` asks for the slices of a streaming volume.
///
/// `.auto` (the default): the slices the retrieval order wants first (its leading stages that fit in one round
/// of requests, e.g. the interleaved order's three anchors) are asked for by one frame request each, in parallel
/// and at the same time as the rest when the rest is large (at least `leadingRequestBytes` of pixel data; a smaller
/// retrieve brings them about as soon, without requests of their own) and slow (expected to take more than
/// `leadingRequestSeconds` at the throughput last measured from that host, or not measured yet): a series'
/// single-frame instances in one series retrieve (`…/series/{uid}`,
/// `multipart/related; type="application/dicom"`), each instance written into its slice as its part completes,
/// when the instances wanted carry at least half of the pixel bytes of the whole series (the retrieve brings
/// every instance: a 4D series' other volumes, localizers); multi-frame instances come by frame lists
/// (`…/frames/1,2,3`), each frame written as its part completes. Each slice is written once, from whichever brings
/// it first (on a slow link the small frame requests win; on a fast one the retrieve may, and never waits for them).
/// Anything a retrieve did not bring (a dropped
/// connection after some parts, a part that does not parse) is then asked for one frame at a time, never again
/// in bulk; a server that answers a series retrieve with 400, 404, 405, 406, 415 or 501 is asked one frame at
/// a time from then on.
///
/// `.perFrame`: one request per frame, as a server without series retrieve needs.
public enum DICOMwebRetrieval: Sendable, Equatable {
    case auto
    case perFrame

    /// What the batch paths did (cumulative), for reports, tests and benchmarks.
    public struct Statistics: Sendable, Equatable {
        /// Series retrieves started (a retry of one after a failure before its first part counts once).
        public var seriesRetrieves = 0
        /// Instances written from series retrieves.
        public var instancesFromSeries = 0
        /// Parts of series retrieves that were not wanted (other instances, slices already fetched) or not DICOM.
        public var partsSkipped = 0
        /// Parts longer than their bound, dropped unread.
        public var partsTooLong = 0
        /// Series retrieves whose body ended after some parts (the rest was asked for one by one).
        public var seriesInterrupted = 0
        /// Series retrieves refused or failed before a part arrived (then asked for one by one).
        public var seriesFallbacks = 0
        /// Frame-list requests started, and frames written from them.
        public var frameListRequests = 0
        public var framesFromFrameLists = 0
        /// Frames asked for one by one (leading slices, fallbacks, `.perFrame`), and those of them a series
        /// retrieve had already delivered when they came.
        public var singleFrames = 0
        public var singleFramesUnused = 0
    }

    /// The longest series-retrieve part accepted when the largest instance wanted holds `pixelBytes` bytes of
    /// pixel data: twice that (a compressed syntax may exceed native a little) plus 4 MiB of header, at most 4 GiB.
    static func partLimit(pixelBytes: Int) -> Int {
        let (twice, overflow) = pixelBytes.multipliedReportingOverflow(by: 2)
        return overflow ? 1 << 32 : min(1 << 32, twice + (4 << 20))
    }

    /// The longest frame accepted when the metadata describes `expected` bytes of one frame.
    static func frameLimit(_ expected: Int) -> Int { partLimit(pixelBytes: expected) }

    /// Statuses that say a server has no series retrieve (or not in this form): asked one by one instead.
    static let refusalStatuses: Set<Int> = [400, 404, 405, 406, 415, 501]

    /// Pixel bytes of bulk requests (series retrieves, frame lists) from which the leading slices are also asked
    /// for one by one: below, the bulk requests bring everything within about the time those requests would take
    /// (8 MiB: 84 ms at 100 MB/s), and the extra requests cost the server as much as a small series does.
    public static let leadingRequestBytes = 8 << 20

    /// How long the bulk requests must be expected to take for the leading slices to be asked for one by one beside
    /// them: a series that arrives whole within a quarter of a second needs no slices ahead of it, and the extra
    /// requests then cost the server, on a fast link, about a tenth of the retrieve's time (the 300-slice CT of
    /// `lightbox bench dicomweb` from a local Orthanc: 180 ms without them, 200 ms with them).
    public static let leadingRequestSeconds = 0.25

    /// Whether the leading slices are asked for one by one beside bulk requests of `bulkBytes` pixel bytes, from a
    /// host whose last bulk body came at `throughput` bytes a second (nil: not measured yet).
    static func worthLeadingRequests(bulkBytes: Double, throughput: Double?) -> Bool {
        guard bulkBytes >= Double(leadingRequestBytes) else { return false }
        guard let throughput, throughput > 0 else { return true }
        return bulkBytes / throughput > leadingRequestSeconds
    }

    /// Whether one series retrieve is worth it for instances holding `wantedBytes` of a series' `seriesBytes`.
    static func worthSeriesRetrieve(wantedBytes: Double, seriesBytes: Double, wantedInstances: Int) -> Bool {
        wantedInstances > 1 && wantedBytes * 2 >= seriesBytes
    }
}
