#if DICOMweb
import AsyncHTTPClient
import DICOM
import Foundation

/// Reading a `multipart/related` response part by part, for series retrieves and frame lists.
extension DICOMwebLoader {
    /// Hands each complete part of `response` to `use` (its index, headers and bytes; nil bytes for a part longer
    /// than `partLimit`, dropped as it streamed) as soon as its closing boundary arrives, and says whether the body
    /// ended properly. Each received buffer is parsed where it lies and its body bytes copied once, into the part. `use` says whether it kept the part. A body that breaks off is a transport failure the client
    /// retries while no part was kept; after one, this returns false and the caller asks for what is still missing.
    func forEachPart(of response: HTTPClientResponse, resource: String, partLimit: Int,
                     _ use: (Int, [String: String], SharedBytes?) async -> Bool) async throws -> Bool {
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
                var complete: [(Int, [String: String], SharedBytes?)] = []
                try buffer.withUnsafeReadableBytes { bytes in
                    try parser.feed(bytes: bytes) { event in
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
/// declared `Content-Length` only sizes the block it is received into, within the limit. Blocks handed back with
/// `recycle` serve the next parts once nothing else references them (a parsed instance shares its pixel data with
/// its block), so a stream of instances allocates, and the kernel zeroes, a part's memory or two rather than the
/// whole response's.
struct BoundedPart {
    let limit: Int
    private var bytes: SharedBytes?
    private var spare: [SharedBytes] = []
    private var tooLong = false
    /// The first block of a part that declares no length; it doubles as it fills.
    static let undeclaredCapacity = 1 << 20
    /// Blocks kept for reuse: parts that complete in one received buffer are parsed after it, so a few are in use at once.
    static let spares = 4

    init(limit: Int) { self.limit = limit }

    mutating func begin(declaredLength: Int?) {
        tooLong = false
        let declared = declaredLength.map { min(max($0, 0), limit) }
        bytes = block(capacity: declared ?? min(Self.undeclaredCapacity, limit))
    }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        guard !tooLong, let current = bytes else { return }
        guard current.count + chunk.count <= limit else {
            tooLong = true
            bytes = nil
            return
        }
        if current.append(chunk) { return }
        // Longer than declared (or than the first block): a larger block, within the limit.
        let larger = SharedBytes(capacity: min(limit, max(2 * current.capacity, current.count + chunk.count)))
        _ = larger.append(current.bytes)
        _ = larger.append(chunk)
        bytes = larger
    }

    /// The part's bytes, or nil when it was longer than the limit.
    mutating func end() -> SharedBytes? {
        defer { bytes = nil }
        return tooLong ? nil : bytes
    }

    /// Hands back a part's block once used, for a later part to reuse.
    mutating func recycle(_ used: SharedBytes) {
        if spare.count < Self.spares { spare.append(used) }
    }

    /// A spare block of at least `capacity` bytes that nothing else references, emptied, or a new one.
    private mutating func block(capacity: Int) -> SharedBytes {
        for k in spare.indices where spare[k].capacity >= capacity && isKnownUniquelyReferenced(&spare[k]) {
            let reused = spare.remove(at: k)
            reused.removeAll()
            return reused
        }
        if spare.count >= Self.spares { spare.removeFirst() }
        return SharedBytes(capacity: max(capacity, 1))
    }
}
#endif
