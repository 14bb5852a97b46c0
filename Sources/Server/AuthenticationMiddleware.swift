#if Server
import Hummingbird

/// Lets a request through only with accepted credentials (401 otherwise, before any route runs, so an
/// unauthenticated request never reaches the origin); `/health` is open. With forwarding on, the accepted
/// `Authorization` goes on in the context for the origin.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServeRequestContext
    let credentials: Credentials
    let required: Bool
    let forward: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let authorization = request.headers[.authorization]
        if required, request.uri.path != "/health" {
            guard credentials.accepts(authorization) else {
                let message = authorization == nil ? "authentication required: send Authorization: Bearer <token> or Basic credentials"
                    : "the credentials were not accepted"
                throw ServeError(.unauthorized, message, headers: [.wwwAuthenticate: "Bearer realm=\"lightbox\", Basic realm=\"lightbox\""])
            }
        }
        if forward, request.uri.path != "/health", request.uri.path != "/metrics" {
            // Forwarding: the origin decides, but a request without credentials is not even sent there.
            guard let authorization else {
                throw ServeError(.unauthorized, "authentication required: the origin's credentials are forwarded, send Authorization",
                                 headers: [.wwwAuthenticate: "Bearer realm=\"lightbox\", Basic realm=\"lightbox\""])
            }
            context.forwardedAuthorization = authorization
        }
        return try await next(request, context)
    }
}
#endif
