/// How often and how patiently `DICOMwebClient` retries one HTTP request (a dropped connection, 429, 5xx):
/// attempts in all and exponential backoff with jitter. The client is the one place that retries: it sees the
/// status and `Retry-After`, retries the request it made whatever it carries (a frame, a metadata document) and
/// keeps the per-host bound; a failure that reaches a streaming volume is final for that slice.
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

    /// The wait before retry number `retry` (1 = first retry).
    public func delay(beforeRetry retry: Int) -> Duration {
        let base = baseDelay * (1 << min(max(retry - 1, 0), 20))
        let jittered = base + base * Double.random(in: 0..<0.5)
        return min(jittered, maxDelay)
    }
}
