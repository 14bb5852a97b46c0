/// Why a rendered-resource request (PS3.18 Retrieve Rendered, Thumbnail, Rendered MPR / 3D Volume) cannot be
/// answered, with the HTTP status a server returns and a message a person can act on.
public enum RenderedResourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A supported query parameter has a value that is malformed or out of range (PS3.18 §8.3: 400).
    case invalidParameter(name: String, value: String, reason: String)
    /// A query parameter was given more than once.
    case duplicateParameter(name: String)
    /// Parameters that exclude each other, or one that needs another (e.g. `orientation` with `viewpointposition`).
    case conflictingParameters(String)
    /// A standard value or resource Lightbox does not render (yet): the message names it and what works instead.
    case unsupported(String)
    /// A UID or frame number in the path is not valid (only digits and dots, at most 64 characters).
    case invalidPath(String)
    /// None of the media types the client accepts is one Lightbox produces (406).
    case notAcceptable(String)
    /// The study, series, instance or frame is not there (404).
    case notFound(String)
    /// The request is valid but asks for more than the stated bounds (e.g. too many images in one response).
    case tooLarge(String)
    /// The task was cancelled (the client went away) before the images were drawn.
    case cancelled
    /// The series could not be opened or rendered; `status` follows the cause (400 bad input, 502 origin, 500 render).
    case failed(status: Int, message: String)

    /// The HTTP status a server answers with.
    public var httpStatus: Int {
        switch self {
        case .invalidParameter, .duplicateParameter, .conflictingParameters, .unsupported, .invalidPath: return 400
        case .notAcceptable: return 406
        case .notFound: return 404
        case .tooLarge: return 413
        case .cancelled: return 503
        case .failed(let status, _): return status
        }
    }

    /// What went wrong and what to change.
    public var message: String {
        switch self {
        case .invalidParameter(let name, let value, let reason): return "query parameter \(name)=\(value): \(reason)"
        case .duplicateParameter(let name): return "query parameter \(name) is given more than once; give it once"
        case .conflictingParameters(let message), .unsupported(let message), .invalidPath(let message),
             .notAcceptable(let message), .notFound(let message), .tooLarge(let message):
            return message
        case .cancelled: return "the request was cancelled before its images were drawn"
        case .failed(_, let message): return message
        }
    }

    public var description: String { "\(httpStatus): \(message)" }
}
