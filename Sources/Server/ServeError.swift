#if Server
import Hummingbird
import NIOCore

/// A request the server refuses or could not answer: the HTTP status, a message a person can act on (sent as the
/// plain-text body), and the headers that go with it (`Retry-After` on 503, `WWW-Authenticate` on 401).
public struct ServeError: HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    public var message: String
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.headers = headers
    }

    public init(status code: Int, _ message: String) {
        self.init(HTTPResponse.Status(code: code), message)
    }

    /// Too many requests waiting: try again after `seconds`.
    static func busy(retryAfter seconds: Int, _ message: String) -> ServeError {
        ServeError(.serviceUnavailable, message, headers: [.retryAfter: String(seconds)])
    }

    public var description: String { "\(status.code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
#endif
