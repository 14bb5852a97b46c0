#if Server
import Hummingbird

/// The request context of the server's routes: Hummingbird's core context, plus the caller's own
/// `Authorization` once `AuthenticationMiddleware` accepted it (kept only to forward to the origin).
public struct ServeRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The `Authorization` header value to forward to the origin (`--forward-credentials`); never logged.
    var forwardedAuthorization: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
#endif
