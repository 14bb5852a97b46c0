#if Server
/// Why `lightbox serve` cannot start with the options given, and what to change.
public enum ServeConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither or both of `--origin` and `--folder`.
    case source(String)
    /// `--origin` is not an http(s) URL without credentials.
    case badOrigin(String, reason: String)
    /// `--folder` is missing, not a folder, or holds no DICOM series.
    case badFolder(String, reason: String)
    /// A tokens or basic-auth file that cannot be read or parsed.
    case badCredentialsFile(path: String, reason: String)
    /// A listener other than loopback with no credentials and no `--allow-anonymous`.
    case anonymousNonLoopback(host: String)
    /// A limit out of range (`--max-concurrent 0` …).
    case badLimit(String)

    public var description: String {
        switch self {
        case .source(let message): return message
        case .badOrigin(let url, let reason): return "--origin \(url): \(reason)"
        case .badFolder(let path, let reason): return "--folder \(path): \(reason)"
        case .badCredentialsFile(let path, let reason): return "\(path): \(reason)"
        case .anonymousNonLoopback(let host):
            return "--listen \(host) is not a loopback address: give credentials (--token-file, --token-env or --basic-auth-file), or --allow-anonymous to serve without them"
        case .badLimit(let message): return message
        }
    }
}
#endif
