import Foundation
import Loading

/// Picks the one series a command works on from what a scan found.
enum SeriesSelection {
    /// The series with `uid`, or the only series; otherwise an error listing the choices.
    static func pick(_ scan: SeriesScanner.Result, uid: String?) throws -> SeriesScanner.Series {
        if let uid {
            guard let match = scan.series.first(where: { $0.seriesInstanceUID == uid }) else {
                throw CommandError.badInput("no series \(uid) among the inputs; they hold:\n" + choices(scan))
            }
            return match
        }
        guard scan.series.count == 1, let only = scan.series.first else {
            throw CommandError.badInput("the inputs hold \(scan.series.count) series; pick one with --series UID:\n" + choices(scan))
        }
        return only
    }

    static func choices(_ scan: SeriesScanner.Result) -> String {
        scan.series.map { "  \($0.seriesInstanceUID)  \($0.modality ?? "?")  \($0.instances.count) files" }.joined(separator: "\n")
    }
}
