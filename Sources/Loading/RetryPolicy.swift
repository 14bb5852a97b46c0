import Foundation

/// How often and how patiently a transient loader failure is retried: exponential backoff with jitter.
public struct RetryPolicy: Sendable {
    /// Attempts in all, including the first.
    public var maxAttempts: Int
    /// Delay before the first retry; each later retry doubles it, plus up to 50% random jitter.
    public var baseDelay: Duration
    /// No delay exceeds this.
    public var maxDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(50), maxDelay: Duration = .seconds(5)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public static let standard = RetryPolicy()
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (1 = first retry).
    public func delay(beforeRetry retry: Int) -> Duration {
        let base = baseDelay * (1 << min(max(retry - 1, 0), 20))
        let jittered = base + base * Double.random(in: 0..<0.5)
        return min(jittered, maxDelay)
    }

    /// Runs `operation`, retrying errors for which `isTransient` holds, sleeping between attempts.
    public func run<T: Sendable>(
        isTransient: (any Error) -> Bool = { ($0 as? LoadingError)?.isTransient ?? false },
        _ operation: () async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch {
                guard attempt < maxAttempts, isTransient(error), !Task.isCancelled else { throw error }
                try await Task.sleep(for: delay(beforeRetry: attempt))
                attempt += 1
            }
        }
    }
}
