#if Server
import Foundation

/// The bounded render queue: `running` renders at once, `waiting` more in line (first come, first served); a request
/// past both is refused at once (the caller answers 503 with `Retry-After`). A waiter whose task is cancelled (its
/// client went away) leaves the line.
final class AdmissionGate: @unchecked Sendable {
    let running: Int
    let waiting: Int
    private let lock = NSLock()
    private var active = 0
    private var line: [(id: UUID, continuation: CheckedContinuation<Void, any Error>)] = []

    init(running: Int, waiting: Int) {
        self.running = running
        self.waiting = waiting
    }

    /// Renders running and waiting now.
    var load: (running: Int, waiting: Int) { lock.withLock { (active, line.count) } }

    /// Runs `work` when a place is free; throws `ServeError.busy` when the line is full, `CancellationError` if the
    /// task is cancelled while waiting.
    func run<T: Sendable>(retryAfter: Int, _ work: () async throws -> T) async throws -> T {
        try await enter(retryAfter: retryAfter)
        defer { leave() }
        return try await work()
    }

    private func enter(retryAfter: Int) async throws {
        enum Decision { case go, wait, refuse }
        let decision: Decision = lock.withLock {
            if active < running { active += 1; return .go }
            return line.count < waiting ? .wait : .refuse
        }
        switch decision {
        case .go: return
        case .refuse:
            throw ServeError.busy(retryAfter: retryAfter, "the server is busy (\(running) renders running, \(waiting) waiting); retry after \(retryAfter) s")
        case .wait:
            let id = UUID()
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let admitted: Bool = lock.withLock {
                        if Task.isCancelled { return false }
                        if active < running { active += 1; return true }
                        line.append((id, continuation))
                        return false
                    }
                    if admitted { continuation.resume() } else if Task.isCancelled { continuation.resume(throwing: CancellationError()) }
                }
            } onCancel: {
                let removed = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                    guard let index = line.firstIndex(where: { $0.id == id }) else { return nil }
                    return line.remove(at: index).continuation
                }
                removed?.resume(throwing: CancellationError())
            }
        }
    }

    /// Frees a place: the next waiter takes it (the count stays), else the count drops.
    private func leave() {
        let next: CheckedContinuation<Void, any Error>? = lock.withLock {
            guard !line.isEmpty else { active -= 1; return nil }
            return line.removeFirst().continuation
        }
        next?.resume()
    }
}
#endif
