import Foundation

/// Runs work on its own thread and waits for it up to a deadline.
///
/// For third-party decoders that cannot be interrupted (see `CharLSDecoder`): when the deadline passes,
/// `run` returns nil and the thread is abandoned; it keeps what it captured alive, finishes on its own
/// and frees it. The caller must not share mutable state with the work.
enum DetachedWork {
    static func run<Value: Sendable>(seconds: Double, _ work: @escaping @Sendable () -> Value) -> Value? {
        let box = Box<Value>()
        Thread { box.finish(work()) }.start()
        return box.wait(seconds: seconds)
    }

    private final class Box<Value: Sendable>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var value: Value?

        func finish(_ result: Value) {
            lock.withLock { value = result }
            done.signal()
        }

        func wait(seconds: Double) -> Value? {
            guard done.wait(timeout: .now() + seconds) == .success else { return nil }
            return lock.withLock { value }
        }
    }
}
