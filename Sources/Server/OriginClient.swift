#if Server
import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import Loading
import NIOCore
import NIOHTTP1

/// The server's own requests to the origin: QIDO-RS and metadata passed through unchanged (the body streamed as it
/// arrives), a study's series list, and access checks with a caller's forwarded credentials. Counts what it sends.
final class OriginClient: Sendable {
    /// The DICOMweb root, without a trailing slash.
    let root: String
    private let http: HTTPClient
    private let sent = LockedCount()

    init(root: String, http: HTTPClient = DICOMwebClient.sharedHTTPClient) {
        self.root = root
        self.http = http
    }

    /// Requests sent (pass-through, series lists, access checks).
    var requestCount: Int { sent.value }

    /// Sends `path?query` to the origin with the caller's Accept (and forwarded Authorization) and answers with the
    /// origin's status, content type and body, streamed; an unreachable origin is a 502.
    func passThrough(path: String, query: String?, accept: String?, authorization: String?) async throws(ServeError) -> Response {
        let url = root + "/" + path + (query.map { $0.isEmpty ? "" : "?" + $0 } ?? "")
        let response = try await send(url, accept: accept ?? "application/dicom+json", authorization: authorization, what: "the origin")
        // The shared client inflates gzip answers, so the origin's Content-Length and Content-Encoding do not apply to
        // the body passed on (it goes chunked).
        var headers = HTTPFields()
        for name in ["Content-Type", "Warning"] {
            if let value = response.headers.first(name: name), let field = HTTPField.Name(name) { headers[field] = value }
        }
        let body = response.body
        return Response(status: .init(code: Int(response.status.code)), headers: headers, body: ResponseBody(asyncSequence: body))
    }

    /// The Series Instance UIDs of a study (QIDO-RS `studies/{s}/series`); 404 when the origin has none.
    func seriesUIDs(study: String, authorization: String?) async throws(ServeError) -> [String] {
        let url = "\(root)/studies/\(study)/series?includefield=0020000E"
        let response = try await send(url, accept: "application/dicom+json", authorization: authorization, what: "the study's series list")
        let status = Int(response.status.code)
        var body: ByteBuffer
        do { body = try await response.body.collect(upTo: 16 << 20) } catch {
            throw ServeError(.badGateway, "the origin's series list for study \(study) did not arrive: \(error)")
        }
        guard status == 200 else {
            throw ServeError(status: status == 204 ? 404 : Self.relayed(status), "the origin answered \(status) for the series of study \(study)")
        }
        let data = Data(body.readBytes(length: body.readableBytes) ?? [])
        guard let objects = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw ServeError(.badGateway, "the origin's series list for study \(study) is not DICOM JSON")
        }
        let uids = objects.compactMap { (($0["0020000E"] as? [String: Any])?["Value"] as? [Any])?.first as? String }
        guard !uids.isEmpty else { throw ServeError(.notFound, "the origin has no series in study \(study)") }
        return uids
    }

    /// Asks the origin (QIDO-RS, the caller's credentials) for the target; anything but a match is refused.
    func checkAccess(_ level: RenderedResourceLevel, authorization: String) async throws(ServeError) {
        let study = level.studyUID
        let url: String
        if let instance = level.instanceUID, let series = level.seriesUID {
            url = "\(root)/studies/\(study)/series/\(series)/instances?SOPInstanceUID=\(instance)"
        } else if let series = level.seriesUID {
            url = "\(root)/studies/\(study)/series?SeriesInstanceUID=\(series)"
        } else {
            url = "\(root)/studies?StudyInstanceUID=\(study)"
        }
        let response = try await send(url, accept: "application/dicom+json", authorization: authorization, what: "the access check")
        let status = Int(response.status.code)
        let body = try? await response.body.collect(upTo: 1 << 20)
        guard status == 200, let body, body.readableBytes > 2 else {
            throw ServeError(status: status == 200 || status == 204 ? 404 : Self.relayed(status),
                             "the origin does not show \(level.path) to this caller (it answered \(status))")
        }
    }

    private func send(_ url: String, accept: String, authorization: String?, what: String) async throws(ServeError) -> HTTPClientResponse {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: accept)
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        sent.increment()
        do {
            return try await http.execute(request, timeout: .seconds(60))
        } catch {
            throw ServeError(.badGateway, "\(what) could not be fetched from the origin: \(error)")
        }
    }

    /// The status a server answers with for an origin's status: its client errors as they are, the rest 502.
    static func relayed(_ status: Int) -> Int { (400..<500).contains(status) ? status : 502 }
}

/// A counter behind a lock.
final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
#endif
