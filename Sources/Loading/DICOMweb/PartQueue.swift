#if DICOMweb
import DICOM
import Foundation

/// Complete multipart parts on their way from the task receiving a response to the task parsing them, so the
/// next bytes are read while a part is parsed and written into its slice. At most `limit` bytes of complete parts
/// wait (one part always may): beyond that the receiver waits, so a slow consumer holds back the wire rather than
/// gathering the response in memory.
final class PartQueue: @unchecked Sendable {
    /// One complete part: its index in the response, its headers, its bytes (nil when longer than the part bound).
    typealias Part = (index: Int, headers: [String: String], bytes: ReceivedPart?)

    /// Bytes of complete parts that may wait to be parsed.
    static let limit = 16 << 20

    /// The parts in arrival order; ends once `finish()` was called.
    let parts: AsyncStream<Part>
    private let continuation: AsyncStream<Part>.Continuation
    private let lock = NSLock()
    private var queuedBytes = 0
    private var closed = false
    private var waiting: (bytes: Int, continuation: CheckedContinuation<Bool, Never>)?

    init() { (parts, continuation) = AsyncStream.makeStream(of: Part.self) }

    /// Queues `part` once there is room for it; false (and nothing queued) once the consumer closed the queue.
    /// With room, the receiver goes on at once: a continuation, even one resumed at once, would suspend it and
    /// queue it behind the other tasks, a task switch for every part.
    func push(_ part: Part) async -> Bool {
        let size = part.bytes?.count ?? 0
        let now: Bool? = lock.withLock {
            if closed { return false }
            guard fits(size) else { return nil }
            queuedBytes += size
            return true
        }
        if let now {
            if now { continuation.yield(part) }
            return now
        }
        let admitted = await withCheckedContinuation { (waiter: CheckedContinuation<Bool, Never>) in
            lock.withLock {
                if closed {
                    waiter.resume(returning: false)
                } else if fits(size) {
                    queuedBytes += size
                    waiter.resume(returning: true)
                } else {
                    waiting = (size, waiter)
                }
            }
        }
        if admitted { continuation.yield(part) }
        return admitted
    }

    /// The consumer is done with `part`: its bytes no longer count against the limit.
    func consumed(_ part: Part) {
        lock.withLock {
            queuedBytes -= part.bytes?.count ?? 0
            if let next = waiting, fits(next.bytes) {
                waiting = nil
                queuedBytes += next.bytes
                next.continuation.resume(returning: true)
            }
        }
    }

    /// The receiver is done: `parts` ends after the parts queued.
    func finish() { continuation.finish() }

    /// The consumer stops reading: a waiting or later `push` returns false.
    func close() {
        lock.withLock {
            closed = true
            waiting?.continuation.resume(returning: false)
            waiting = nil
        }
    }

    private func fits(_ bytes: Int) -> Bool { queuedBytes == 0 || queuedBytes + bytes <= Self.limit }
}
#endif
