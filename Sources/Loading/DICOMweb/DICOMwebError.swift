/// Errors of the DICOMweb loader. Each case names what a person needs to act: the id or URL (never a
/// credential: request headers are not part of any message), the HTTP status, and how often it was tried.
public enum DICOMwebError: Error, Sendable, CustomStringConvertible, Equatable {
    /// An id that is not `dicomweb:<base>/studies/{uid}/series/{uid}[/instances/{uid}[/frames/{n}]]`.
    case invalidID(id: String, reason: String)
    /// The server answered with an error status. `resource` is the image id (instance) or the URL path
    /// asked for; `attempts` counts tries (more than 1 after retryable statuses such as 503 or 429).
    case http(status: Int, reason: String, resource: String, attempts: Int)
    /// 401 or 403: credentials missing or refused.
    case unauthorized(status: Int, resource: String, hadCredentials: Bool)
    /// No HTTP answer: connection refused or dropped, timeout, body cut short; after `attempts` tries.
    case connection(resource: String, reason: String, attempts: Int)
    /// A response that is not what DICOMweb promises (not multipart, no frame, wrong size).
    case malformedResponse(resource: String, reason: String)
    /// A multipart/related body that does not parse.
    case malformedMultipart(reason: String)
    /// The series metadata does not list this instance.
    case instanceNotInSeries(imageID: String)
    /// The frame arrived in a transfer syntax nothing here decodes, even after asking for native.
    case unsupportedTransferSyntax(resource: String, uid: String)

    public var description: String {
        switch self {
        case .invalidID(let id, let reason):
            return "\(id): not a DICOMweb id (\(reason)); expected dicomweb:<base URL>/studies/<uid>/series/<uid>[/instances/<uid>]"
        case .http(let status, let reason, let resource, let attempts):
            return "\(resource): HTTP \(status)\(reason.isEmpty ? "" : " " + reason)" + (attempts > 1 ? " after \(attempts) attempts" : "")
        case .unauthorized(let status, let resource, let hadCredentials):
            return "\(resource): HTTP \(status) " + (status == 401 ? "Unauthorized" : "Forbidden") + ": "
                + (hadCredentials ? "the server refused the configured credentials" : "the server needs credentials; pass DICOMwebClient.Configuration(authorization:)")
        case .connection(let resource, let reason, let attempts):
            return "\(resource): \(reason)" + (attempts > 1 ? " after \(attempts) attempts" : "")
        case .malformedResponse(let resource, let reason):
            return "\(resource): unexpected response: \(reason)"
        case .malformedMultipart(let reason):
            return "malformed multipart/related body: \(reason)"
        case .instanceNotInSeries(let imageID):
            return "\(imageID): the series metadata does not list this instance"
        case .unsupportedTransferSyntax(let resource, let uid):
            return "\(resource): frame arrived as transfer syntax \(uid), which cannot be decoded here"
        }
    }

    /// The HTTP status, when the server answered with one.
    public var httpStatus: Int? {
        switch self {
        case .http(let status, _, _, _), .unauthorized(let status, _, _): return status
        default: return nil
        }
    }
}
