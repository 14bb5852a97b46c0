#if Server
import Hummingbird
import Logging

/// Logs each request (method, path — UIDs only, never the query, which may hold patient names —, status and
/// milliseconds) and counts it in the metrics under its resource name (499: the client went away first).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServeRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let resource = Self.resource(request.uri.path)
        func finish(_ status: Int) {
            let elapsed = ContinuousClock.now - started
            metrics.record(resource: resource, status: status, duration: elapsed)
            context.logger.info("request", metadata: [
                "method": .string(request.method.rawValue), "path": .string(String(request.uri.path.prefix(300))),
                "status": .stringConvertible(status), "ms": .stringConvertible(Int(elapsed / .milliseconds(1))),
            ])
        }
        do {
            let response = try await next(request, context)
            finish(response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            finish(error.status.code)
            throw error
        } catch is CancellationError {
            finish(499)  // the client went away; counted apart from server errors
            throw CancellationError()
        } catch {
            finish(500)
            throw error
        }
    }

    /// The metric label of a path: its last component when it names a resource, else the kind of request.
    static func resource(_ path: String) -> String {
        let last = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        switch last {
        case "health", "metrics", "metadata", "thumbnail", "rendered", "renderedmpr", "rendered3d": return last
        case "studies", "series", "instances": return "qido"
        default: return "other"
        }
    }
}
#endif
