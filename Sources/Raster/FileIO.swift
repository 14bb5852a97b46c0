import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes shared by the codecs.
enum FileIO {
    /// The file's bytes, or `.readFailed` naming the path.
    static func read(_ url: URL) throws(RasterError) -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw .readFailed(path: url.relativePath, reason: error.localizedDescription)
        }
    }

    /// Writes `data` to a temporary file beside `url`, then renames it over `url`, so readers
    /// see either the old file or the complete new one. Creates the parent folder if needed.
    static func writeAtomically(_ data: Data, to url: URL) throws(RasterError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: url.relativePath,
                               reason: "cannot create folder \(folder.relativePath): \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            unlink(temporary.path)
            throw .writeFailed(path: url.relativePath, reason: error.localizedDescription)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw .writeFailed(path: url.relativePath, reason: reason)
        }
    }
}
