#if Server
import Foundation

/// Everything `lightbox serve` is started with. `validate()` refuses what would be unsafe or meaningless before
/// anything listens: a non-loopback listener without credentials (unless `allowAnonymous`), no source, bad limits.
public struct ServeConfiguration: Sendable {
    /// Where series come from: a DICOMweb root (QIDO-RS and metadata requests are passed to it), or a folder indexed
    /// at start (nothing outside it is ever read).
    public enum Source: Sendable, Equatable {
        case origin(String)
        case folder(String)
    }

    public var source: Source
    /// The address to listen on (default loopback) and the port (0: any free port, printed at start).
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// The byte budget of the one volume cache every request shares.
    public var cacheBytes: Int = 2 << 30
    /// Renders running at once, and renders waiting beyond those; past both, 503 with `Retry-After`.
    public var maxConcurrent: Int = 2
    public var queueDepth: Int = 16
    /// The longest a rendered request may take (waiting included) before it is answered 503.
    public var requestTimeLimit: Duration = .seconds(60)
    public var credentials: Credentials = Credentials()
    /// Serve without credentials, even on a non-loopback listener.
    public var allowAnonymous = false
    /// Send the caller's `Authorization` to the origin, so the origin decides who sees what.
    public var forwardCredentials = false
    /// The `Retry-After` seconds of a 503.
    public var retryAfterSeconds = 2

    public init(source: Source) {
        self.source = source
    }

    /// True for `localhost` and the loopback addresses (127.0.0.0/8, ::1).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Whether requests must carry credentials: whenever some are configured and anonymous use is not allowed
    /// (`validate` refuses a non-loopback listener with neither).
    public var requiresAuthentication: Bool { !allowAnonymous && !credentials.isEmpty }

    public func validate() throws(ServeConfigurationError) {
        if !Self.isLoopback(host), credentials.isEmpty, !allowAnonymous { throw .anonymousNonLoopback(host: host) }
        guard (0...65535).contains(port) else { throw .badLimit("--port \(port) is not a TCP port (0…65535)") }
        guard maxConcurrent >= 1, maxConcurrent <= 256 else { throw .badLimit("--max-concurrent \(maxConcurrent): give 1…256") }
        guard queueDepth >= 0, queueDepth <= 10_000 else { throw .badLimit("--queue \(queueDepth): give 0…10000") }
        guard cacheBytes >= 1 << 20 else { throw .badLimit("--cache-bytes \(cacheBytes): give at least 1 MiB") }
        guard requestTimeLimit > .zero else { throw .badLimit("--time-limit must be positive") }
        if forwardCredentials, case .folder = source { throw .source("--forward-credentials needs --origin (a folder has no origin to forward to)") }
        if case .origin(let url) = source {
            guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
                  components.host?.isEmpty == false else { throw .badOrigin(url, reason: "give the DICOMweb root as http(s)://host[:port]/path") }
            guard components.user == nil, components.password == nil else {
                throw .badOrigin("(redacted)", reason: "credentials in the URL are not accepted; use --forward-credentials")
            }
        }
    }

    /// The origin root without a trailing slash, when serving from one.
    var originRoot: String? {
        guard case .origin(let url) = source else { return nil }
        return url.hasSuffix("/") ? String(url.dropLast()) : url
    }
}
#endif
