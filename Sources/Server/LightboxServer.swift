#if Server
import Foundation
import Hummingbird
import Jobs
import Loading
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP service of `lightbox serve`: PS3.18 rendered, thumbnail and volumetric (MPR, 3D) resources rendered by
/// the same jobs as the command line over one shared volume cache, QIDO-RS and metadata passed to the origin,
/// `/health` and Prometheus `/metrics`; authentication, a bounded render queue and a time limit per request.
/// `run` serves until SIGINT or SIGTERM, then finishes the requests in progress and closes the open series.
public struct LightboxServer: Sendable {
    public let configuration: ServeConfiguration
    public let session: LightboxSession
    let source: SeriesSource
    let origin: OriginClient?
    let gate: AdmissionGate
    let metrics = ServerMetrics()

    /// Checks the configuration and prepares the source (a folder is indexed now).
    public init(_ configuration: ServeConfiguration) throws(ServeConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        let cache = ImageVolumeCache(budgetBytes: configuration.cacheBytes)
        switch configuration.source {
        case .origin:
            let root = configuration.originRoot ?? ""
            let origin = OriginClient(root: root)
            self.origin = origin
            source = .origin(origin)
            session = LightboxSession(dicomweb: DICOMwebLoader(configuration: .init()), cache: cache, keepsSeriesOpen: true)
        case .folder(let folder):
            origin = nil
            source = .folder(try FolderIndex(folder: folder))
            session = LightboxSession(cache: cache, keepsSeriesOpen: true)
        }
        gate = AdmissionGate(running: configuration.maxConcurrent, waiting: configuration.queueDepth)
    }

    /// Serves until a shutdown signal; `onListening` gets the port actually bound (useful with port 0).
    public func run(logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "lightbox"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await session.closeOpenSeries()
    }

    /// The routes and middleware.
    func router() -> Router<ServeRequestContext> {
        let router = Router(context: ServeRequestContext.self)
        router.middlewares.add(RequestLogMiddleware(metrics: metrics))
        router.middlewares.add(AuthenticationMiddleware(
            credentials: configuration.credentials, required: configuration.requiresAuthentication, forward: configuration.forwardCredentials))
        router.get("/health") { _, _ in Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n"))) }
        let session = session, gate = gate, metrics = metrics, origin = origin
        router.get("/metrics") { _, _ in
            let text = metrics.exposition(session: session, gate: gate, origin: session.dicomweb?.client, passThrough: origin)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"], body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        let responder = RenderedResponder(session: session, source: source, gate: gate, configuration: configuration)
        router.get("**") { request, context in
            switch try ServedPath.parse(request.uri.path) {
            case .rendered(let level, let kind):
                // Watching for the client going away costs the connection: it is closed after the answer, and the
                // answer says so (`Connection: close`), so that clients do not reuse it.
                do {
                    var response = try await request.body.consumeWithCancellationOnInboundClose { _ in
                        try await responder.respond(request, context: context, level: level, kind: kind)
                    }
                    response.headers[.connection] = "close"
                    return response
                } catch var error as ServeError {
                    error.headers[.connection] = "close"
                    throw error
                }
            case .passThrough(let path):
                guard let origin else { throw ServeError(.notFound, "QIDO-RS and metadata are passed to an origin; this server serves a folder") }
                return try await origin.passThrough(
                    path: path, query: request.uri.query, accept: request.headers[.accept], authorization: context.forwardedAuthorization)
            }
        }
        return router
    }
}
#endif
