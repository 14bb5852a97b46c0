import Foundation
import Loading

/// Finds the series in folders and files (`file:` prefixes allowed) and picks the one a job works on.
public enum SeriesScan {
    /// Scans every input; a missing input or one with no DICOM image series is a bad-input error that says what
    /// was found instead (the first unreadable file, and how many files were skipped and why).
    public static func scan(_ inputs: [String]) throws(JobError) -> SeriesScanner.Result {
        let urls = inputs.map { URL(fileURLWithPath: $0.hasPrefix("file:") ? String($0.dropFirst(5)) : $0) }
        let listing: FileListing
        do { listing = try FileListing(under: urls) } catch { throw .badInput(error.description) }
        let result = SeriesScanner().scan(listing.paths.map { URL(fileURLWithPath: $0) })
        if result.series.isEmpty {
            let skipped = SkippedFiles(result, brokenLinks: listing.brokenLinks.count).summary
            let detail: String
            if let failure = result.failures.first {
                detail = ": \(failure.error)" + (skipped.map { " (\($0))" } ?? "")
            } else {
                detail = " (\(skipped ?? "no files found"))"
            }
            throw .badInput("no readable DICOM series in \(inputs.joined(separator: ", "))\(detail)")
        }
        return result
    }

    /// The series with `uid`, or the only series; otherwise an error listing the choices. DICOM objects
    /// without images (DICOMDIR, SR, presentation states…) are never choices; asking for one by UID says so.
    public static func pick(_ scan: SeriesScanner.Result, uid: String?) throws(JobError) -> SeriesScanner.Series {
        if let uid {
            guard let match = scan.series.first(where: { $0.seriesInstanceUID == uid }) else {
                if let object = scan.nonImage.first(where: { $0.seriesInstanceUID == uid }) {
                    throw .badInput("series \(uid) holds no image (\(object.path): \(object.reason)); the inputs hold:\n" + choices(scan))
                }
                throw .badInput("no series \(uid) among the inputs; they hold:\n" + choices(scan))
            }
            return match
        }
        guard scan.series.count == 1, let only = scan.series.first else {
            throw .badInput("the inputs hold \(scan.series.count) series; pick one with --series UID:\n" + choices(scan))
        }
        return only
    }

    /// One line per series, then how many non-image DICOM objects were left out.
    static func choices(_ scan: SeriesScanner.Result) -> String {
        let lines = scan.series.map { "  \($0.seriesInstanceUID)  \($0.modality ?? "?")  \($0.instances.count) files" }
        let note = SkippedFiles(nonDICOM: 0, nonImage: scan.nonImage.count, brokenLinks: 0).summary.map { ["  (\($0))"] } ?? []
        return (lines + note).joined(separator: "\n")
    }
}
