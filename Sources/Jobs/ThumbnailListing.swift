import Foundation
import Loading

/// One series for the thumbnails job: indexed from files on disk (paths only; headers are read again when it is
/// processed) or listed by a DICOMweb server.
enum ThumbnailSeries: Sendable {
    case files(SeriesScanner.SeriesIndex)
    case dicomweb(DICOMwebSeriesListing)

    var seriesInstanceUID: String {
        switch self {
        case .files(let index): return index.seriesInstanceUID
        case .dicomweb(let listing): return listing.seriesInstanceUID
        }
    }

    var modality: String? {
        switch self {
        case .files(let index): return index.modality
        case .dicomweb(let listing): return listing.modality
        }
    }
}

/// What a thumbnails source holds: its series, and for a folder the files that are no series.
struct ThumbnailListing: Sendable {
    var series: [ThumbnailSeries]
    var unreadableFiles: [SeriesScanner.Failure] = []
    var nonImageObjects: [SeriesScanner.NonImageObject] = []
    var nonDICOMFiles: [String] = []
    var brokenLinks: [String] = []

    /// Lists `source`; a DICOMweb source is read with the session's DICOMweb loader.
    static func list(_ source: ThumbnailsRequest.Source, in session: LightboxSession) async throws(JobError) -> ThumbnailListing {
        switch source {
        case .dicomweb(let root):
            #if DICOMweb
            guard let loader = session.dicomweb else { throw .badInput("\(root): no DICOMweb loader is configured") }
            do { return ThumbnailListing(series: try await loader.listSeries(root: root).map(ThumbnailSeries.dicomweb)) }
            catch { throw .badInput("cannot list the series of \(root): \(error)") }
            #else
            throw .builtWithoutDICOMweb(root)
            #endif
        case .folder(let folder):
            let listing: FileListing
            do { listing = try FileListing(under: [URL(fileURLWithPath: folder)]) } catch { throw .badInput(String(describing: error)) }
            // Index first (series UID and modality per file, no headers kept), then read each series' headers when
            // it is processed, so peak memory does not grow with the archive.
            let index = SeriesScanner().index(listing.paths)
            return ThumbnailListing(
                series: index.series.map(ThumbnailSeries.files), unreadableFiles: index.failures, nonImageObjects: index.nonImage,
                nonDICOMFiles: index.skipped, brokenLinks: listing.brokenLinks)
        }
    }
}
