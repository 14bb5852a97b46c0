import Foundation

/// Credentials sent as the `Authorization` header of every DICOMweb request.
///
/// The secret never leaves this type except as that header: its `description`, `debugDescription`
/// and mirror are redacted, so it cannot surface in logs, error messages, `dump` output or reports.
public struct DICOMwebAuthorization: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private enum Kind: Sendable, Equatable {
        case bearer(String)
        case basic(user: String, password: String)
        case forwarded(String)
    }

    private let kind: Kind

    /// `Authorization: Bearer <token>` (OAuth 2 access tokens, as DICOMweb servers usually want).
    public static func bearer(_ token: String) -> DICOMwebAuthorization { .init(kind: .bearer(token)) }

    /// `Authorization: Basic base64(user:password)`.
    public static func basic(user: String, password: String) -> DICOMwebAuthorization {
        .init(kind: .basic(user: user, password: password))
    }

    /// A caller's own `Authorization` header value, passed on unchanged (a server forwarding its user's credentials).
    public static func forwarded(headerValue: String) -> DICOMwebAuthorization { .init(kind: .forwarded(headerValue)) }

    /// The header value. Internal: only the HTTP client reads it.
    var headerValue: String {
        switch kind {
        case .bearer(let token): return "Bearer " + token
        case .basic(let user, let password): return "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        case .forwarded(let value): return value
        }
    }

    public var description: String {
        switch kind {
        case .bearer: return "Bearer <redacted>"
        case .basic: return "Basic <redacted>"
        case .forwarded: return "forwarded <redacted>"
        }
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["scheme": description], displayStyle: .struct) }
}
