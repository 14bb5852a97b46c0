import Foundation

/// Collects the errors thrown by parallel work (`DispatchQueue.concurrentPerform`) so the caller can rethrow the first.
final class ErrorBox<Failure: Error>: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Failure] = []
    func record(_ error: Failure) { lock.withLock { errors.append(error) } }
    var first: Failure? { lock.withLock { errors.first } }
}
