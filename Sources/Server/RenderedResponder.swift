#if Server
import Foundation
import HTTPTypes
import Hummingbird
import Jobs
import Loading
import Logging
import NIOCore

/// Answers a rendered-resource request: checks its query, asks the origin whether a forwarding caller may see the
/// target, waits for a place in the render queue, runs the same job the command line runs (a study-level request
/// once per series) within the time limit, cancelled if the client goes away, and writes the image, the
/// `multipart/related` images, or the Annex K metadata.
struct RenderedResponder: Sendable {
    let session: LightboxSession
    let source: SeriesSource
    let gate: AdmissionGate
    let configuration: ServeConfiguration

    func respond(_ request: Request, context: ServeRequestContext, level: RenderedResourceLevel, kind: RenderedResourceKind) async throws -> Response {
        let parsed: RenderedResourceRequest
        do {
            let query = try RenderedQueryString.pairs(request.uri.query ?? "")
            parsed = try RenderedResourceRequest.parse(level: level, kind: kind, query: query, accept: request.headers[.accept])
        } catch {
            throw ServeError(status: error.httpStatus, error.message)
        }
        let authorization = context.forwardedAuthorization
        try await source.checkAccess(level, authorization: authorization)
        let started = ContinuousClock.now
        let result = try await withTimeLimit(configuration.requestTimeLimit) {
            try await gate.run(retryAfter: configuration.retryAfterSeconds) {
                try await DICOMwebClient.$taskAuthorization.withValue(authorization.map { .forwarded(headerValue: $0) }) {
                    try await render(parsed, authorization: authorization)
                }
            }
        }
        context.logger.info("rendered", metadata: [
            "target": .string(level.path), "resource": .string(kind.rawValue), "images": .stringConvertible(result.images.count),
            "seconds": .string(String(format: "%.3f", (ContinuousClock.now - started) / .seconds(1))),
        ])
        return Self.response(result, level: level, kind: kind, mediaType: parsed.mediaType.rawValue)
    }

    /// Runs the job: once for a series, instance or frames, once per series (in UID order) for a study (its first
    /// series only for a thumbnail).
    private func render(_ request: RenderedResourceRequest, authorization: String?) async throws -> RenderedResourceResult {
        let study = request.level.studyUID
        var seriesUIDs: [String]
        if let series = request.level.seriesUID { seriesUIDs = [series] } else {
            seriesUIDs = try await source.seriesUIDs(study: study, authorization: authorization)
            // A study's thumbnail is its first series' thumbnail.
            if request.kind == .thumbnail { seriesUIDs = Array(seriesUIDs.prefix(1)) }
        }
        var combined = RenderedResourceResult(images: [])
        for series in seriesUIDs {
            try Task.checkCancellation()
            let input = try source.input(study: study, series: series, instance: request.level.instanceUID)
            var one = request
            if case .study = request.level { one.level = try Self.seriesLevel(study: study, series: series) }
            let result: RenderedResourceResult
            do { result = try await RenderedResourceJob(one).run(series: input, in: session) } catch {
                throw ServeError(status: error.httpStatus, error.message)
            }
            combined.images += result.images
            combined.metadata = combined.metadata ?? result.metadata
            combined.warnings += result.warnings
            guard combined.images.count <= RenderedResourceRequest.maximumImages else {
                throw ServeError(.contentTooLarge, "the study has more than \(RenderedResourceRequest.maximumImages) images; ask for one series at a time")
            }
        }
        return combined
    }

    private static func seriesLevel(study: String, series: String) throws(ServeError) -> RenderedResourceLevel {
        do { return try RenderedResourceLevel(study: study, series: series) } catch { throw ServeError(status: error.httpStatus, error.message) }
    }

    /// One image as itself; several (or any series- or study-level `rendered`) as `multipart/related`.
    static func response(_ result: RenderedResourceResult, level: RenderedResourceLevel, kind: RenderedResourceKind, mediaType: String) -> Response {
        var headers: HTTPFields = [:]
        if !result.warnings.isEmpty {
            headers[HTTPField.Name("Warning")!] = result.warnings.map { "299 lightbox \"\($0.replacingOccurrences(of: "\"", with: "'"))\"" }.joined(separator: ", ")
        }
        if let metadata = result.metadata, result.images.isEmpty {
            headers[.contentType] = RenderedResourceResult.metadataMediaType
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metadata)))
        }
        let wholeSeries: Bool
        switch level {
        case .study, .series: wholeSeries = kind == .rendered
        default: wholeSeries = false
        }
        if result.images.count == 1, !wholeSeries, let image = result.images.first {
            headers[.contentType] = image.mediaType
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: image.bytes)))
        }
        let multipart = MultipartRelated(mediaType: result.images.first?.mediaType ?? mediaType)
        headers[.contentType] = multipart.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: multipart.body(result.images.map(\.bytes))))
    }
}

/// Runs `work`, or throws a 503 when it takes longer than `limit` (the work is cancelled then).
func withTimeLimit<T: Sendable>(_ limit: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw ServeError(.serviceUnavailable, "the request took longer than the time limit of \(limit.components.seconds) s and was stopped",
                             headers: [.retryAfter: "5"])
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw CancellationError() }
        return first
    }
}
#endif
