#if DICOMweb
import AsyncHTTPClient
import DICOM
import Foundation

/// Reading a `multipart/related` response part by part, for series retrieves and frame lists.
extension DICOMwebLoader {
    /// Hands each complete part of `response` to `use` (its index, headers and bytes; nil bytes for a part longer
    /// than `partLimit`, dropped as it streamed) as soon as its closing boundary arrives, and says whether the body
    /// ended properly. A child task receives the body, parsing each buffer where it lies and copying its body bytes
    /// once, into the part, while this task hands the complete parts to `use` (at most `PartQueue.limit` bytes of
    /// them wait): receiving never waits for parsing and writing a slice, except behind that bound. `use` says
    /// whether it kept the part. A body that breaks off is a transport failure the client retries while no part was
    /// kept; after one, this returns false (once every part received before the break was used) and the caller asks
    /// for what is still missing.
    func forEachPart(of response: HTTPClientResponse, resource: String, partLimit: Int,
                     _ use: (Int, [String: String], SharedBytes?) async -> Bool) async throws -> Bool {
        let contentType = MediaType(response.headers.first(name: "Content-Type") ?? "")
        guard contentType.type == "multipart/related", let boundary = contentType.parameters["boundary"] else {
            throw DICOMwebError.malformedResponse(resource: resource, reason: "Content-Type \(contentType.type), expected multipart/related")
        }
        let parser = try MultipartParser(boundary: boundary)
        let queue = PartQueue()
        let part = BoundedPart(limit: partLimit)
        async let receiving = Self.receive(response.body, parser: parser, part: part, into: queue)
        var kept = 0
        for await complete in queue.parts {
            if await use(complete.index, complete.headers, complete.bytes) { kept += 1 }
            queue.consumed(complete)
            if let bytes = complete.bytes { part.recycle(bytes) }
        }
        queue.close()
        let (received, failure) = await receiving
        client.noteBodyBytes(received)
        guard let failure else { return true }
        if failure is CancellationError || Task.isCancelled { throw CancellationError() }
        guard kept > 0 else {
            throw DICOMwebError.connection(resource: resource, reason: "body ended early (\(failure))", attempts: 1)
        }
        client.noteInterruptedBody()
        return false
    }

    /// Receives `body` into `queue` part by part (then finishes it); returns the bytes received and the error that
    /// ended the body early, if any.
    private static func receive(_ body: HTTPClientResponse.Body, parser: MultipartParser, part: BoundedPart,
                                into queue: PartQueue) async -> (received: Int, failure: (any Error)?) {
        var parser = parser, part = part
        var headers: [String: String] = [:]
        var index = 0, received = 0
        defer { queue.finish() }
        do {
            for try await buffer in body {
                received += buffer.readableBytes
                var complete: [PartQueue.Part] = []
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
                for finished in complete {
                    guard await queue.push(finished) else { return (received, CancellationError()) }
                }
            }
            try parser.finish()
            return (received, nil)
        } catch {
            return (received, error)
        }
    }
}

/// The bytes of one multipart part, up to a limit: a longer part is dropped as it streams (never buffered), and a
/// declared `Content-Length` only sizes the block it is received into, within the limit. Blocks handed back with
/// `recycle` (by the task parsing them; copies of a `BoundedPart` share their spare blocks) serve the next parts once nothing else references them (a parsed instance shares its
/// pixel data with its block), so a stream of instances allocates, and the kernel zeroes, the memory of the parts
/// waiting to be parsed rather than the whole response's.
struct BoundedPart {
    let limit: Int
    private var bytes: SharedBytes?
    private let spares = SpareBlocks()
    private var tooLong = false
    /// The first block of a part that declares no length; it doubles as it fills.
    static let undeclaredCapacity = 1 << 20

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

    /// Hands back a part's block once used (from any task, any copy), for a later part to reuse.
    func recycle(_ used: SharedBytes) { spares.recycle(used) }

    private func block(capacity: Int) -> SharedBytes { spares.take(capacity: capacity) }
}

/// The blocks handed back to a `BoundedPart`, behind a lock: the task parsing parts hands them back, the task
/// receiving them takes them again once nothing else references them.
final class SpareBlocks: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [SharedBytes] = []
    /// Blocks kept: about as many as parts wait in a `PartQueue` (16 MiB of 1 MiB parts) plus the one arriving.
    static let count = 20

    func recycle(_ used: SharedBytes) {
        lock.withLock {
            if spare.count >= Self.count { spare.removeFirst() }
            spare.append(used)
        }
    }

    /// A spare block of at least `capacity` bytes that nothing else references, emptied, or a new one: the one
    /// handed back last that fits, whose bytes are the likeliest still in the processor's caches (taking the
    /// oldest instead cycled each part through all the spare blocks, megabytes the caches could not keep).
    func take(capacity: Int) -> SharedBytes {
        let reused: SharedBytes? = lock.withLock {
            for k in spare.indices.reversed() where spare[k].capacity >= capacity && isKnownUniquelyReferenced(&spare[k]) {
                return spare.remove(at: k)
            }
            return nil
        }
        guard let reused else { return SharedBytes(capacity: max(capacity, 1)) }
        reused.removeAll()
        return reused
    }
}
#endif
