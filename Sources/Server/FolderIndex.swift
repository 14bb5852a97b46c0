#if Server
import DICOM
import Foundation
import Loading

/// The series of a folder, indexed once at start from file headers: study, series and instance UIDs and the files of
/// each series. Only regular files whose real path (symbolic links resolved) lies inside the folder are indexed, so
/// no request can make the server read anything outside it.
struct FolderIndex: Sendable {
    struct Series: Sendable {
        var studyUID: String
        var paths: [String]
        var instanceUIDs: Set<String>
    }

    let root: String
    /// Series by Series Instance UID.
    let series: [String: Series]
    /// Files that are not DICOM or could not be read (skipped, counted for the start-up log).
    let skipped: Int

    init(folder: String) throws(ServeConfigurationError) {
        let rootURL = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootURL.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .badFolder(folder, reason: "not a folder")
        }
        let paths: [String]
        do { paths = try SeriesScanner.paths(under: [rootURL]) } catch { throw .badFolder(folder, reason: error.description) }
        let prefix = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        var series: [String: Series] = [:]
        var skipped = 0
        for path in paths.sorted() {
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
            guard real.hasPrefix(prefix),
                  let file = try? DICOMFile.read(contentsOf: URL(fileURLWithPath: real), mode: .metadataOnly),
                  let study = file.dataSet.string(.studyInstanceUID), let uid = file.dataSet.string(.seriesInstanceUID),
                  let instance = file.dataSet.string(.sopInstanceUID)
            else { skipped += 1; continue }
            series[uid, default: Series(studyUID: study, paths: [], instanceUIDs: [])].paths.append(real)
            series[uid]?.instanceUIDs.insert(instance)
        }
        guard !series.isEmpty else { throw .badFolder(folder, reason: "no DICOM series found in it") }
        root = rootURL.path
        self.series = series
        self.skipped = skipped
    }
}
#endif
