#if Server
import Foundation
import Jobs

/// Where a rendered request's series come from: the origin (a DICOMweb root) or the indexed folder. It names the
/// series input a job opens, lists a study's series for study-level requests, and, when the caller's credentials
/// are forwarded, asks the origin whether the caller may see the target before anything cached is served.
enum SeriesSource: Sendable {
    case origin(OriginClient)
    case folder(FolderIndex)

    /// The input of series `series` of study `study`; 404 when the folder has no such series (or instance).
    func input(study: String, series: String, instance: String?) throws(ServeError) -> SeriesInput {
        switch self {
        case .origin(let origin):
            return .dicomweb("dicomweb:\(origin.root)/studies/\(study)/series/\(series)")
        case .folder(let index):
            guard let found = index.series[series], found.studyUID == study else {
                throw ServeError(.notFound, "series \(series) of study \(study) is not in the served folder")
            }
            if let instance, !found.instanceUIDs.contains(instance) {
                throw ServeError(.notFound, "instance \(instance) is not in series \(series)")
            }
            return .files(found.paths)
        }
    }

    /// The Series Instance UIDs of a study, in a stable order.
    func seriesUIDs(study: String, authorization: String?) async throws(ServeError) -> [String] {
        switch self {
        case .origin(let origin):
            return try await origin.seriesUIDs(study: study, authorization: authorization).sorted()
        case .folder(let index):
            let uids = index.series.filter { $0.value.studyUID == study }.keys.sorted()
            guard !uids.isEmpty else { throw ServeError(.notFound, "study \(study) is not in the served folder") }
            return uids
        }
    }

    /// With forwarded credentials, the origin must find the target for this caller (QIDO-RS with the caller's
    /// `Authorization`); its refusal (401, 403, 404) is the answer. Without forwarding there is nothing to ask.
    func checkAccess(_ level: RenderedResourceLevel, authorization: String?) async throws(ServeError) {
        guard case .origin(let origin) = self, let authorization else { return }
        try await origin.checkAccess(level, authorization: authorization)
    }
}
#endif
