import DICOM
import Foundation
import Volume

/// Walks files and folders, reads every DICOM file's metadata (never its pixels) and groups
/// the image instances into series. Non-DICOM files are skipped, DICOM files without an image (DICOMDIR,
/// structured reports, presentation states…) are set aside with the reason, and broken DICOM files are reported.
public struct SeriesScanner: Sendable {
    /// One instance found on disk.
    public struct Instance: Sendable {
        public var url: URL
        public var file: DICOMFile
    }

    /// The instances of one SeriesInstanceUID, in path order.
    public struct Series: Sendable {
        public var seriesInstanceUID: String
        public var instances: [Instance]
        /// The first instance's data set, for series-level attributes.
        public var representative: DataSet { instances[0].file.dataSet }
        public var modality: String? { representative.string(.modality) }
    }

    /// A file that looked like DICOM but could not be read.
    public struct Failure: Sendable {
        public var path: String
        public var error: DICOMError
    }

    /// What a scan found.
    public struct Result: Sendable {
        public var series: [Series]
        public var failures: [Failure]
        /// Files skipped because they are not DICOM.
        public var skipped: [String]
        /// DICOM files skipped because they hold no image.
        public var nonImage: [NonImageObject]
    }

    public var limits: DICOMReadLimits

    public init(limits: DICOMReadLimits = .default) {
        self.limits = limits
    }

    /// Every regular file under `paths` (folders recursively, links followed, hidden files skipped), sorted,
    /// each real file once: `FileListing(under:)` without its broken links.
    public static func files(under paths: [URL]) throws(LoadingError) -> [URL] {
        try Self.paths(under: paths).map { URL(fileURLWithPath: $0) }
    }

    /// The same files as `files(under:)`, as paths: a path string costs a small fraction of a `URL`, which matters
    /// when a whole archive is listed (the thumbnails job keeps one per file until it is done).
    public static func paths(under roots: [URL]) throws(LoadingError) -> [String] {
        try FileListing(under: roots).paths
    }

    /// Reads the metadata of every file (in parallel) and groups the DICOM images by series; DICOM objects
    /// without an image go to `nonImage`.
    public func scan(_ urls: [URL]) -> Result {
        let limits = self.limits
        let outcomes = ParallelMap.map(urls) { url -> Swift.Result<DICOMFile, DICOMError> in
            Swift.Result { () throws(DICOMError) -> DICOMFile in try DICOMFile.read(contentsOf: url, mode: .metadataOnly, limits: limits) }
        }
        var bySeries: [String: [Instance]] = [:]
        var failures: [Failure] = []
        var skipped: [String] = []
        var nonImage: [NonImageObject] = []
        for (url, outcome) in zip(urls, outcomes) {
            switch outcome {
            case .success(let file):
                if let reason = Self.nonImageReason(file) {
                    nonImage.append(NonImageObject(path: url.path, seriesInstanceUID: file.dataSet.string(.seriesInstanceUID), reason: reason))
                    continue
                }
                let uid = file.dataSet.string(.seriesInstanceUID) ?? "(no SeriesInstanceUID) \(url.deletingLastPathComponent().path)"
                bySeries[uid, default: []].append(Instance(url: url, file: file))
            case .failure(let error):
                if case .notDICOM = error { skipped.append(url.path) } else { failures.append(Failure(path: url.path, error: error)) }
            }
        }
        let series = bySeries.map { Series(seriesInstanceUID: $0.key, instances: $0.value) }
            .sorted { $0.instances[0].url.path < $1.instances[0].url.path }
        return Result(series: series, failures: failures, skipped: skipped, nonImage: nonImage)
    }
}

extension SeriesScanner {
    /// A series found by `index(_:)`: its UID, modality and file paths, without their headers.
    public struct SeriesIndex: Sendable {
        public var seriesInstanceUID: String
        public var modality: String?
        public var paths: [String]
    }

    /// What `index(_:)` found: series as file lists, plus failures and skipped files as `scan` reports them.
    public struct Index: Sendable {
        public var series: [SeriesIndex]
        public var failures: [Failure]
        public var skipped: [String]
        public var nonImage: [NonImageObject]
    }

    /// What `index(_:)` keeps of one file.
    private enum IndexedFile {
        case image(seriesInstanceUID: String, modality: String?)
        case nonImage(seriesInstanceUID: String?, reason: String)
    }

    /// Like `scan`, but keeps only each file's path, series UID and modality, not its header, so memory stays
    /// small for whole archives (a few hundred bytes a file, with the path, instead of every data set);
    /// `load(_:)` reads one series' headers again when it is processed.
    public func index(_ paths: [String]) -> Index {
        let limits = self.limits
        let outcomes = ParallelMap.map(paths) { path -> Swift.Result<IndexedFile, DICOMError> in
            Swift.Result { () throws(DICOMError) -> IndexedFile in
                let url = URL(fileURLWithPath: path)
                let file = try DICOMFile.read(contentsOf: url, mode: .metadataOnly, limits: limits)
                if let reason = Self.nonImageReason(file) {
                    return .nonImage(seriesInstanceUID: file.dataSet.string(.seriesInstanceUID), reason: reason)
                }
                let uid = file.dataSet.string(.seriesInstanceUID) ?? "(no SeriesInstanceUID) \(url.deletingLastPathComponent().path)"
                return .image(seriesInstanceUID: uid, modality: file.dataSet.string(.modality))
            }
        }
        var bySeries: [String: SeriesIndex] = [:]
        var failures: [Failure] = []
        var skipped: [String] = []
        var nonImage: [NonImageObject] = []
        for (path, outcome) in zip(paths, outcomes) {
            switch outcome {
            case .success(.image(let uid, let modality)):
                bySeries[uid, default: SeriesIndex(seriesInstanceUID: uid, modality: modality, paths: [])].paths.append(path)
            case .success(.nonImage(let uid, let reason)):
                nonImage.append(NonImageObject(path: path, seriesInstanceUID: uid, reason: reason))
            case .failure(let error):
                if case .notDICOM = error { skipped.append(path) } else { failures.append(Failure(path: path, error: error)) }
            }
        }
        let series = bySeries.values.sorted { $0.paths[0] < $1.paths[0] }
        return Index(series: series, failures: failures, skipped: skipped, nonImage: nonImage)
    }

    /// Reads the headers of one indexed series; files that no longer read, now belong to another series or
    /// no longer hold an image are returned as failures.
    public func load(_ entry: SeriesIndex) -> (series: Series?, failures: [Failure]) {
        let result = scan(entry.paths.map { URL(fileURLWithPath: $0) })
        let mine = result.series.first { $0.seriesInstanceUID == entry.seriesInstanceUID }
        var failures = result.failures
        for other in result.series where other.seriesInstanceUID != entry.seriesInstanceUID {
            failures += other.instances.map { Failure(path: $0.url.path, error: .notDICOM(name: $0.url.lastPathComponent, reason: "changed series since it was indexed")) }
        }
        failures += result.nonImage.map {
            Failure(path: $0.path, error: .notDICOM(name: URL(fileURLWithPath: $0.path).lastPathComponent, reason: "no longer an image since it was indexed: \($0.reason)"))
        }
        return (mine, failures)
    }
}
