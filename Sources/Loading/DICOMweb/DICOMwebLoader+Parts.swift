#if DICOMweb
import AsyncHTTPClient
import Foundation

/// Reading a `multipart/related` response part by part, for series retrieves and frame lists.
extension DICOMwebLoader {
    /// Hands each complete part of `response` to `use` (its index, headers and bytes; nil bytes for a part longer
    /// than `partLimit`, dropped as it streamed) as soon as its closing boundary arrives, and says whether the body
    /// ended properly. `use` says whether it kept the part. A body that breaks off is a transport failure the client
    /// retries while no part was kept; after one, this returns false and the caller asks for what is still missing.
    func forEachPart(of response: HTTPClientResponse, resource: String, partLimit: Int,
                     _ use: (Int, [String: String], Data?) async -> Bool) async throws -> Bool {
        let contentType = MediaType(response.headers.first(name: "Content-Type") ?? "")
        guard contentType.type == "multipart/related", let boundary = contentType.parameters["boundary"] else {
            throw DICOMwebError.malformedResponse(resource: resource, reason: "Content-Type \(contentType.type), expected multipart/related")
        }
        var parser = try MultipartParser(boundary: boundary)
        var part = BoundedPart(limit: partLimit)
        var headers: [String: String] = [:]
        var index = 0, received = 0, kept = 0
        defer { client.noteBodyBytes(received) }
        do {
            for try await buffer in response.body {
                received += buffer.readableBytes
                var complete: [(Int, [String: String], Data?)] = []
                try parser.feed(buffer.readableBytesView) { event in
                    switch event {
                    case .partBegin(let partHeaders):
                        headers = partHeaders
                        part.begin(declaredLength: partHeaders["content-length"].flatMap { Int($0) })
                    case .body(let bytes):
                        part.append(bytes)
                    case .partEnd:
                        complete.append((index, headers, part.end()))
                        index += 1
                    }
                }
                for (k, partHeaders, bytes) in complete {
                    if await use(k, partHeaders, bytes) { kept += 1 }
                    if let bytes { part.recycle(bytes) }
                }
            }
            try parser.finish()
            return true
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            guard kept > 0 else {
                throw DICOMwebError.connection(resource: resource, reason: "body ended early (\(error))", attempts: 1)
            }
            client.noteInterruptedBody()
            return false
        }
    }
}

/// The bytes of one multipart part, up to a limit: a longer part is dropped as it streams (never buffered), and a
/// declared `Content-Length` only sizes the first allocation, within the limit. Buffers handed back with
/// `recycle` serve the next parts (their storage is reused once nothing else references it), so a stream of
/// instances allocates, and the kernel zeroes, a part's memory or two rather than the whole response's.
struct BoundedPart {
    let limit: Int
    private var bytes = Data()
    private var spare: [Data] = []
    private var tooLong = false

    init(limit: Int) { self.limit = limit }

    mutating func begin(declaredLength: Int?) {
        bytes.removeAll(keepingCapacity: true)
        tooLong = false
        if let declaredLength, declaredLength > 0 { bytes.reserveCapacity(min(declaredLength, limit)) }
    }

    mutating func append(_ chunk: [UInt8]) {
        guard !tooLong else { return }
        guard bytes.count + chunk.count <= limit else {
            tooLong = true
            bytes = Data()
            return
        }
        bytes.append(contentsOf: chunk)
    }

    /// The part's bytes, or nil when it was longer than the limit; the next part starts in a spare buffer.
    mutating func end() -> Data? {
        defer { bytes = spare.popLast() ?? Data() }
        return tooLong ? nil : bytes
    }

    /// Hands back a part's bytes once used, for a later part to reuse their storage.
    mutating func recycle(_ used: Data) {
        if spare.count < 2 { spare.append(used) }
    }
}
#endif
