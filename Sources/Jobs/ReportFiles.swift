import Foundation

/// Writing the files of diff reports: whole files atomically, images copied into the report's folder.
enum ReportFiles {
    /// Writes `data` atomically, creating the parent folder.
    static func write(_ data: Data, to url: URL) throws(JobError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw .badInput("cannot write \(url.path): \(error.localizedDescription)")
        }
    }

    /// Copies `source` to `destination` (replacing it) unless they are one file.
    static func copy(_ source: URL, to destination: URL) throws(JobError) {
        guard source.standardizedFileURL.path != destination.standardizedFileURL.path else { return }
        do {
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: destination)
            try FileManager.default.copyItem(at: source, to: destination)
        } catch {
            throw .badInput("cannot copy \(source.path) into the report as \(destination.path): \(error.localizedDescription)")
        }
    }
}
