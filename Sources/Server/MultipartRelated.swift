#if Server
import Foundation
import NIOCore

/// A `multipart/related` body (RFC 2387, PS3.18 §8.7.3.3.2) of images of one media type: each part carries its
/// Content-Type; the boundary is random per response.
struct MultipartRelated {
    let boundary = "lightbox-" + UUID().uuidString
    let mediaType: String

    /// The response's Content-Type.
    var contentType: String { "multipart/related; type=\"\(mediaType)\"; boundary=\(boundary)" }

    func body(_ parts: [Data]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(parts.reduce(0) { $0 + $1.count } + parts.count * 128)
        for part in parts {
            buffer.writeString("--\(boundary)\r\nContent-Type: \(mediaType)\r\nContent-Length: \(part.count)\r\n\r\n")
            buffer.writeBytes(part)
            buffer.writeString("\r\n")
        }
        buffer.writeString("--\(boundary)--\r\n")
        return buffer
    }
}
#endif
