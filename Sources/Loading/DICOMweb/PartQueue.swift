#if DICOMweb
import DICOM
import Foundation

/// Complete multipart parts on their way from the task receiving a response to the tasks parsing them, so the
/// next bytes are read while parts are parsed and written into their slices. At most `limit` bytes of complete
/// parts wait (one part always may): beyond that the receiver waits, so slow consumers hold back the wire rather than
/// gathering the response in memory. Any number of consumers may take parts (`next()`), each part going to one.
final class PartQueue: @unchecked Sendable {
    /// One complete part: its index in the response, its headers, its bytes (nil when longer than the part bound).
    typealias Part = (index: Int, headers: [String: String], bytes: ReceivedPart?)

    /// Bytes of complete parts that may wait to be parsed.
    static let limit = 16 << 20

    private let lock = NSLock()
    /// Parts not taken yet from `head` on (taken slots are emptied, so their bytes go when their consumer is done).
    private var queued: [Part?] = []
    private var head = 0
    private var queuedBytes = 0
    private var finished = false
    private var closed = false
    private var waiting: (bytes: Int, continuation: CheckedContinuation<Bool, Never>)?
    private var consumers: [CheckedContinuation<Part?, Never>] = []

    /// Queues `part` once there is room for it; false (and nothing queued) once the consumers closed the queue.
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
        let admitted: Bool
        if let now {
            admitted = now
        } else {
            admitted = await withCheckedContinuation { (waiter: CheckedContinuation<Bool, Never>) in
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
        }
        if admitted { hand(part) }
        return admitted
    }

    /// The next part in arrival order, once there is one; nil once `finish()` was called and every part was taken.
    func next() async -> Part? {
        enum Taken { case part(Part), end, wait }
        let taken: Taken = lock.withLock {
            if let part = popLocked() { return .part(part) }
            return finished ? .end : .wait
        }
        switch taken {
        case .part(let part): return part
        case .end: return nil
        case .wait:
            return await withCheckedContinuation { (consumer: CheckedContinuation<Part?, Never>) in
                lock.withLock {
                    if let part = popLocked() {
                        consumer.resume(returning: part)
                    } else if finished {
                        consumer.resume(returning: nil)
                    } else {
                        consumers.append(consumer)
                    }
                }
            }
        }
    }

    /// A consumer is done with `part`: its bytes no longer count against the limit.
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

    /// The receiver is done: `next()` gives nil after the parts queued.
    func finish() {
        let idle: [CheckedContinuation<Part?, Never>] = lock.withLock {
            finished = true
            defer { consumers.removeAll() }
            return consumers
        }
        for consumer in idle { consumer.resume(returning: nil) }
    }

    /// The consumers stop taking parts: a waiting or later `push` returns false.
    func close() {
        lock.withLock {
            closed = true
            waiting?.continuation.resume(returning: false)
            waiting = nil
        }
    }

    /// Gives an admitted part to a waiting consumer, or queues it.
    private func hand(_ part: Part) {
        let consumer: CheckedContinuation<Part?, Never>? = lock.withLock {
            if consumers.isEmpty {
                queued.append(part)
                return nil
            }
            return consumers.removeFirst()
        }
        consumer?.resume(returning: part)
    }

    private func popLocked() -> Part? {
        guard head < queued.count else { return nil }
        let part = queued[head]
        queued[head] = nil
        head += 1
        if head == queued.count {
            queued.removeAll(keepingCapacity: true)
            head = 0
        }
        return part
    }

    private func fits(_ bytes: Int) -> Bool { queuedBytes == 0 || queuedBytes + bytes <= Self.limit }
}
#endif
