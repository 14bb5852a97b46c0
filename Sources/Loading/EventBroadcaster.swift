import Foundation
import Volume

/// Hands every volume event to each subscriber's own AsyncStream; late subscribers get the events
/// from their subscription on, plus the final state if streaming already ended.
final class EventBroadcaster: @unchecked Sendable {
    private let lock = NSLock()
    private var continuations: [UUID: AsyncStream<VolumeEvent>.Continuation] = [:]
    private var finalEvent: VolumeEvent?

    func subscribe() -> AsyncStream<VolumeEvent> {
        AsyncStream(bufferingPolicy: .unbounded) { continuation in
            let id = UUID()
            let ended: VolumeEvent? = lock.withLock {
                if finalEvent == nil { continuations[id] = continuation }
                return finalEvent
            }
            if let ended {
                continuation.yield(ended)
                continuation.finish()
                return
            }
            continuation.onTermination = { [weak self] _ in
                guard let self else { return }
                _ = self.lock.withLock { self.continuations.removeValue(forKey: id) }
            }
        }
    }

    func publish(_ event: VolumeEvent) {
        let targets: [AsyncStream<VolumeEvent>.Continuation] = lock.withLock {
            if case .finished = event { finalEvent = event }
            return Array(continuations.values)
        }
        for continuation in targets {
            continuation.yield(event)
            if case .finished = event { continuation.finish() }
        }
        if case .finished = event { lock.withLock { continuations.removeAll() } }
    }
}
