#if DICOMweb
import AsyncHTTPClient
import DICOM
import Foundation
import NIOCore

/// Reading a `multipart/related` response part by part, for series retrieves and frame lists.
extension DICOMwebLoader {
    /// Hands each complete part of `response` (to a GET of `url`) to `use` (its index, headers and bytes; nil bytes for a part longer
    /// than `partLimit`, dropped as it streamed) as soon as its closing boundary arrives, and says whether the body
    /// ended properly. A child task receives the body, parsing each buffer where it lies and keeping its body bytes
    /// there (a part holds slices of the received buffers, `ReceivedPart`), while `partWriters` tasks hand the
    /// complete parts to `use`, each part to one of them, in any order (at most `PartQueue.limit` bytes of parts
    /// wait): receiving never waits for parsing and writing a slice, except behind that bound. `use` says
    /// whether it kept the part. A body that breaks off is a transport failure the client retries while no part was
    /// kept; after one, this returns false (once every part received before the break was used) and the caller asks
    /// for what is still missing.
    func forEachPart(of response: HTTPClientResponse, from url: String, resource: String, partLimit: Int,
                     _ use: @escaping @Sendable (Int, [String: String], ReceivedPart?) async -> Bool) async throws -> Bool {
        let contentType = MediaType(response.headers.first(name: "Content-Type") ?? "")
        guard contentType.type == "multipart/related", let boundary = contentType.parameters["boundary"] else {
            throw DICOMwebError.malformedResponse(resource: resource, reason: "Content-Type \(contentType.type), expected multipart/related")
        }
        let parser = try MultipartParser(boundary: boundary)
        let started = ContinuousClock.now
        let queue = PartQueue()
        async let receiving = Self.receive(response.body, parser: parser, part: BoundedPart(limit: partLimit), into: queue)
        let kept = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<Self.partWriters {
                group.addTask {
                    var kept = 0
                    while let complete = await queue.next() {
                        if await use(complete.index, complete.headers, complete.bytes) { kept += 1 }
                        queue.consumed(complete)
                    }
                    return kept
                }
            }
            return await group.reduce(0, +)
        }
        queue.close()
        let (received, failure) = await receiving
        client.noteBodyBytes(received)
        guard let failure else {
            client.noteTransfer(received, from: url, in: ContinuousClock.now - started)
            return true
        }
        if failure is CancellationError || Task.isCancelled { throw CancellationError() }
        guard kept > 0 else {
            throw DICOMwebError.connection(resource: resource, reason: "body ended early (\(failure))", attempts: 1)
        }
        client.noteInterruptedBody()
        return false
    }

    /// Tasks parsing complete parts and writing them into their slices side by side: with one, a series of small
    /// instances (the benchmark's PET: 60 parts of 33 KB, 30-60 µs each to parse and write) was still being written
    /// 1-2 ms after its last byte came; a second takes parts while the first writes, and the two share the tail.
    static let partWriters = 2

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
                            part.begin()
                        case .body(let piece):
                            part.append(share(piece, of: buffer, lying: bytes))
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

    /// Body bytes the parser lent as a buffer of their own: a slice of `buffer` (whose readable bytes are `bytes`)
    /// sharing its memory, or a copy for the few bytes the parser lends from its own buffer (a delimiter's length
    /// straddling two buffers).
    private static func share(_ piece: UnsafeRawBufferPointer, of buffer: ByteBuffer, lying bytes: UnsafeRawBufferPointer) -> ByteBuffer {
        if let start = piece.baseAddress, let base = bytes.baseAddress, start >= base, start + piece.count <= base + bytes.count,
           let slice = buffer.getSlice(at: buffer.readerIndex + (start - base), length: piece.count) {
            return slice
        }
        return ByteBuffer(bytes: piece)
    }
}

/// The part being received, up to a limit: a longer part is dropped as it streams (never buffered), whatever
/// its headers declare.
struct BoundedPart {
    let limit: Int
    private var part: ReceivedPart?

    init(limit: Int) { self.limit = limit }

    mutating func begin() { part = ReceivedPart() }

    mutating func append(_ piece: ByteBuffer) {
        guard let current = part else { return }
        guard piece.readableBytes <= limit - current.count else {
            part = nil
            return
        }
        part?.append(piece)
    }

    /// The part's bytes, or nil when it was longer than the limit.
    mutating func end() -> ReceivedPart? {
        defer { part = nil }
        return part
    }
}
#endif
