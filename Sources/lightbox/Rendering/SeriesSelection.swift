import Foundation
import Loading

/// Picks the one series a command works on from what a scan found.
enum SeriesSelection {
    /// The series with `uid`, or the only series; otherwise an error listing the choices. DICOM objects
    /// without images (DICOMDIR, SR, presentation states…) are never choices; asking for one by UID says so.
    static func pick(_ scan: SeriesScanner.Result, uid: String?) throws -> SeriesScanner.Series {
        if let uid {
            guard let match = scan.series.first(where: { $0.seriesInstanceUID == uid }) else {
                if let object = scan.nonImage.first(where: { $0.seriesInstanceUID == uid }) {
                    throw CommandError.badInput("series \(uid) holds no image (\(object.path): \(object.reason)); the inputs hold:\n" + choices(scan))
                }
                throw CommandError.badInput("no series \(uid) among the inputs; they hold:\n" + choices(scan))
            }
            return match
        }
        guard scan.series.count == 1, let only = scan.series.first else {
            throw CommandError.badInput("the inputs hold \(scan.series.count) series; pick one with --series UID:\n" + choices(scan))
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
