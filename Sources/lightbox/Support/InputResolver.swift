import Foundation
import Loading

/// Turns command-line inputs (folders, files, `file:` ids) into scanned series.
enum InputResolver {
    /// Scans every input; a missing input or one with no DICOM image series is a bad-input error that says what
    /// was found instead (the first unreadable file, and how many files were skipped and why).
    static func scan(_ inputs: [String]) throws -> SeriesScanner.Result {
        let urls = inputs.map { URL(fileURLWithPath: $0.hasPrefix("file:") ? String($0.dropFirst(5)) : $0) }
        let listing: FileListing
        do { listing = try FileListing(under: urls) } catch { throw CommandError.badInput(String(describing: error)) }
        let result = SeriesScanner().scan(listing.paths.map { URL(fileURLWithPath: $0) })
        if result.series.isEmpty {
            let skipped = SkippedFiles(result, brokenLinks: listing.brokenLinks.count).summary
            let detail: String
            if let failure = result.failures.first {
                detail = ": \(failure.error)" + (skipped.map { " (\($0))" } ?? "")
            } else {
                detail = " (\(skipped ?? "no files found"))"
            }
            throw CommandError.badInput("no readable DICOM series in \(inputs.joined(separator: ", "))\(detail)")
        }
        return result
    }
}
