import Foundation
import Loading

/// Turns command-line inputs (folders, files, `file:` ids) into scanned series.
enum InputResolver {
    /// Scans every input; a missing input or one with no DICOM files is a bad-input error.
    static func scan(_ inputs: [String]) throws -> SeriesScanner.Result {
        let urls = inputs.map { URL(fileURLWithPath: $0.hasPrefix("file:") ? String($0.dropFirst(5)) : $0) }
        let files: [URL]
        do { files = try SeriesScanner.files(under: urls) } catch { throw CommandError.badInput(String(describing: error)) }
        let result = SeriesScanner().scan(files)
        if result.series.isEmpty {
            let detail = result.failures.first.map { ": \($0.error)" } ?? " (\(result.skipped.count) non-DICOM files skipped)"
            throw CommandError.badInput("no readable DICOM series in \(inputs.joined(separator: ", "))\(detail)")
        }
        return result
    }
}
