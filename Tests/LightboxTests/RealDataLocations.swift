import Foundation
import XCTest

/// Where the tests find real DICOM data, relative to the package root (never machine paths):
/// the real scanner series in `../shared/realdata` (one folder per series, not part of the repository) and the
/// pinned pydicom test files that scripts/fetch-testdata.sh puts in `.testdata` (or `$LIGHTBOX_TESTDATA`).
enum RealDataLocations {
    /// The package root: three levels above this file (Tests/LightboxTests/<file>).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The folder of real scanner series, `../shared/realdata` from the package root.
    static var realData: URL {
        packageRoot.appendingPathComponent("../shared/realdata").standardizedFileURL
    }

    /// The pydicom test files: `$LIGHTBOX_TESTDATA`, else `<package root>/.testdata`.
    static var pydicomData: URL {
        if let override = ProcessInfo.processInfo.environment["LIGHTBOX_TESTDATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.appendingPathComponent(".testdata")
    }

    /// The series folders in `../shared/realdata`, sorted by name; fails under CI=true, skips otherwise, when there are none.
    static func realSeriesFolders() throws -> [URL] {
        let entries = (try? FileManager.default.contentsOfDirectory(at: realData, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        let folders = entries.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        if folders.isEmpty { try unavailable("The real series folder ../shared/realdata (relative to the package root)", fix: "provide it") }
        return folders
    }

    /// One real series folder by name (e.g. "mr-t1-sag-HFS"), or a CI failure / skip when it is missing.
    static func realSeries(_ name: String) throws -> URL {
        guard let folder = try realSeriesFolders().first(where: { $0.lastPathComponent == name }) else {
            try unavailable("The real series ../shared/realdata/\(name)", fix: "provide it")
        }
        return folder
    }

    /// Fails under CI=true, skips otherwise, saying what is missing and how to get it.
    static func unavailable(_ what: String, fix: String) throws -> Never {
        let message = "\(what) is missing; \(fix)"
        if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message) }
        throw XCTSkip(message)
    }
}
