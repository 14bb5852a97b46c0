#if DICOMweb
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The HTTP side of DICOMweb: GET requests over one process-wide `HTTPClient` (connections are pooled
/// and reused), a bound on requests in flight per host, a deadline per attempt, and retries with
/// exponential backoff and jitter on connection failures, 429 and 5xx (honouring `Retry-After`),
/// never on other 4xx nor on 501 Not Implemented. Credentials go only into the `Authorization` header.
public final class DICOMwebClient: Sendable {
    public struct Configuration: Sendable {
        /// Sent with every request; never printed (see `DICOMwebAuthorization`).
        public var authorization: DICOMwebAuthorization?
        /// Requests in flight at once to one host:port; others wait their turn.
        public var maxConcurrentRequestsPerHost: Int
        /// Deadline of one attempt, body included.
        public var requestTimeout: Duration
        /// Attempts and backoff: `maxAttempts` tries in all, waits of `baseDelay × 2^(n-1)` plus jitter,
        /// capped at `maxDelay`; a server's `Retry-After` raises the wait up to `maxRetryAfter`.
        public var retry: RetryPolicy
        /// The longest `Retry-After` honoured; a longer one ends the retries at once.
        public var maxRetryAfter: Duration
        /// Offer `Accept-Encoding: gzip, deflate` and decompress what comes back.
        public var acceptCompression: Bool

        public init(
            authorization: DICOMwebAuthorization? = nil, maxConcurrentRequestsPerHost: Int = 6,
            requestTimeout: Duration = .seconds(60),
            retry: RetryPolicy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(100), maxDelay: .seconds(5)),
            maxRetryAfter: Duration = .seconds(30), acceptCompression: Bool = true
        ) {
            self.authorization = authorization
            self.maxConcurrentRequestsPerHost = max(1, maxConcurrentRequestsPerHost)
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.maxRetryAfter = maxRetryAfter
            self.acceptCompression = acceptCompression
        }
    }

    /// Counters since the client was made (or `resetStatistics()`), for reports and tests.
    public struct Statistics: Sendable, Equatable {
        /// HTTP attempts started (first tries and retries).
        public var attempts = 0
        /// Attempts that were retries.
        public var retries = 0
        /// Responses per HTTP status.
        public var statuses: [Int: Int] = [:]
        /// Attempts that got no complete answer (refused, dropped, timed out, body cut short).
        public var connectionFailures = 0
        /// Body bytes received by successful requests (after decompression).
        public var bodyBytes = 0
        /// Total time slept before retries.
        public var backoff: Duration = .zero
    }

    public let configuration: Configuration

    /// Credentials that replace the configured ones for the requests of the current task and the tasks it starts
    /// (a server forwarding each caller's own credentials to the origin).
    @TaskLocal public static var taskAuthorization: DICOMwebAuthorization?
    private let limiter: HostLimiter
    private let stats = LockedValue(Statistics())
    /// Bytes per second of the latest series retrieve or frame list body (of `measuredBodyBytes` or more) per host.
    private let throughputs = LockedValue([String: Double]())

    /// The one `HTTPClient` every DICOMweb client shares, so connections are reused across loaders.
    /// It lives for the whole process (like `HTTPClient.shared`) and is never shut down.
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .seconds(5), read: .seconds(60)),
            connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 16),
            decompression: .enabled(limit: .size(1 << 31)))
        configuration.httpVersion = .automatic
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.limiter = HostLimiter(limit: configuration.maxConcurrentRequestsPerHost)
    }

    public var statistics: Statistics { stats.withLock { $0 } }

    public func resetStatistics() { stats.withLock { $0 = Statistics() } }

    func noteBodyBytes(_ count: Int) { stats.withLock { $0.bodyBytes += count } }

    /// Bodies at least this long measure their host's throughput (shorter ones mostly measure the server's latency).
    static let measuredBodyBytes = 1 << 20

    /// A body of `bytes` from `url` took `duration` from its response head to its end: the host's throughput, when
    /// the body is long enough to tell.
    func noteTransfer(_ bytes: Int, from url: String, in duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        guard bytes >= Self.measuredBodyBytes, seconds > 0 else { return }
        throughputs.withLock { $0[Self.hostKey(url)] = Double(bytes) / seconds }
    }

    /// Bytes per second of the latest series retrieve or frame list (of 1 MiB or more) this client read from the
    /// host of `url`, from its response head to its end; nil before the first.
    public func measuredThroughput(of url: String) -> Double? { throughputs.withLock { $0[Self.hostKey(url)] } }

    /// A body that broke off after the caller had used part of it (it asks for the rest itself, no retry here).
    func noteInterruptedBody() { stats.withLock { $0.connectionFailures += 1 } }

    /// GETs `url` and hands the successful (2xx) response to `consume`, which reads the body.
    ///
    /// `resource` names the thing asked for in errors (an image id, a series id). `consume` may throw
    /// `DICOMwebError.connection` for a body cut short: that attempt is then retried like a dropped
    /// connection. Other errors from `consume` end the request.
    func get<T>(
        _ url: String, accept: String, resource: String,
        consume: (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        let host = Self.hostKey(url)
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let outcome: Outcome<T>
            await limiter.acquire(host)
            do {
                outcome = try await self.attempt(url, accept: accept, resource: resource, attempt: attempt, consume: consume)
                await limiter.release(host)
            } catch {
                await limiter.release(host)
                throw error
            }
            switch outcome {
            case .success(let value):
                return value
            case .retry(let failure, let retryAfter):
                guard attempt < configuration.retry.maxAttempts, !Task.isCancelled else { throw failure }
                if let retryAfter, retryAfter > configuration.maxRetryAfter { throw failure }
                var wait = configuration.retry.delay(beforeRetry: attempt)
                if let retryAfter { wait = max(wait, retryAfter) }
                stats.withLock { $0.retries += 1; $0.backoff += wait }
                try await Task.sleep(for: wait)
            }
        }
    }

    /// GETs `url` and reads its body without parsing or keeping it (for benchmarks: the wire's own speed);
    /// returns the body's byte count.
    public func drain(_ url: String, accept: String) async throws -> Int {
        try await get(url, accept: accept, resource: url) { response in
            var count = 0
            for try await buffer in response.body { count += buffer.readableBytes }
            noteBodyBytes(count)
            return count
        }
    }

    private enum Outcome<T> {
        case success(T)
        case retry(DICOMwebError, retryAfter: Duration?)
    }

    private func attempt<T>(
        _ url: String, accept: String, resource: String, attempt: Int,
        consume: (HTTPClientResponse) async throws -> T
    ) async throws -> Outcome<T> {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: accept)
        if configuration.acceptCompression { request.headers.add(name: "Accept-Encoding", value: "gzip, deflate") }
        if let authorization = Self.taskAuthorization ?? configuration.authorization {
            request.headers.add(name: "Authorization", value: authorization.headerValue)
        }
        stats.withLock { $0.attempts += 1 }
        let response: HTTPClientResponse
        do {
            response = try await Self.sharedHTTPClient.execute(request, timeout: Self.timeAmount(configuration.requestTimeout))
        } catch {
            return try connectionFailure(error, resource: resource, attempt: attempt)
        }
        let status = Int(response.status.code)
        stats.withLock { $0.statuses[status, default: 0] += 1 }
        if (200..<300).contains(status) {
            do {
                return .success(try await consume(response))
            } catch let error as DICOMwebError {
                if case .connection(_, let reason, _) = error {
                    stats.withLock { $0.connectionFailures += 1 }
                    return .retry(.connection(resource: resource, reason: reason, attempts: attempt), retryAfter: nil)
                }
                throw error
            } catch {
                return try connectionFailure(error, resource: resource, attempt: attempt)
            }
        }
        // Error statuses: read (and drop) a bounded body so the connection can be reused.
        let detail = await Self.errorDetail(response)
        let reason = response.status.reasonPhrase + detail
        switch status {
        case 401, 403:
            throw DICOMwebError.unauthorized(status: status, resource: resource, hadCredentials: (Self.taskAuthorization ?? configuration.authorization) != nil)
        case 429, 500, 502...599:
            let retryAfter = response.headers.first(name: "Retry-After").flatMap(Self.parseRetryAfter)
            return .retry(.http(status: status, reason: reason, resource: resource, attempts: attempt), retryAfter: retryAfter)
        default:
            throw DICOMwebError.http(status: status, reason: reason, resource: resource, attempts: attempt)
        }
    }

    private func connectionFailure<T>(_ error: any Error, resource: String, attempt: Int) throws -> Outcome<T> {
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
        if let client = error as? HTTPClientError,
           [HTTPClientError.invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown, .cancelled].contains(client) {
            throw DICOMwebError.connection(resource: resource, reason: "request failed: \(client)", attempts: attempt)
        }
        stats.withLock { $0.connectionFailures += 1 }
        return .retry(.connection(resource: resource, reason: "connection failed: \(error)", attempts: attempt), retryAfter: nil)
    }

    /// A short server explanation from an error body (Orthanc sends JSON with "Message"), or "".
    private static func errorDetail(_ response: HTTPClientResponse) async -> String {
        var bytes: [UInt8] = []
        do {
            for try await buffer in response.body {
                if bytes.count < 4096 { bytes += buffer.readableBytesView.prefix(4096 - bytes.count) }
            }
        } catch {
            return ""
        }
        guard !bytes.isEmpty else { return "" }
        if let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
           let message = (object["Message"] ?? object["message"] ?? object["error"]) as? String, !message.isEmpty {
            return " (\(message.prefix(200)))"
        }
        return ""
    }

    /// `Retry-After`: delay seconds or an HTTP date.
    static func parseRetryAfter(_ value: String) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSinceNow) * 1000))
    }

    /// `scheme://host:port` of a URL, the key of the per-host bound.
    static func hostKey(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return "\(components.scheme ?? "")://\(components.host ?? ""):\(components.port.map(String.init) ?? "")"
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}

/// A counting semaphore per host, FIFO.
actor HostLimiter {
    private let limit: Int
    private var inUse: [String: Int] = [:]
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int) { self.limit = limit }

    func acquire(_ host: String) async {
        if inUse[host, default: 0] < limit {
            inUse[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiters[host, default: []].append($0) }
    }

    func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue
            next.resume()  // the permit passes straight to the next waiter
        } else {
            inUse[host, default: 1] -= 1
        }
    }
}

/// A value guarded by a lock.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
#endif
