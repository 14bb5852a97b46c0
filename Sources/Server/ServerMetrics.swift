#if Server
import Foundation
import Jobs
import Loading
import Prometheus

/// The server's Prometheus metrics (`GET /metrics`): requests by resource and status, latency by resource, cache
/// bytes, series streaming now, series opened, and requests sent to the origin.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private static let latencyBuckets: [Duration] = [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250),
                                                     .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30)]

    /// Counts one answered request and its latency; `resource` is a route name (`rendered`, `qido`, …), never a UID.
    func record(resource: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: .init(namespace: "lightbox", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered"),
            labels: [("resource", resource), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: .init(namespace: "lightbox", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer a request"),
            labels: [("resource", resource)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// The exposition text, with the gauges read now from the session, the render queue and the origin client.
    func exposition(session: LightboxSession, gate: AdmissionGate, origin: DICOMwebClient?, passThrough: OriginClient?) -> String {
        func gauge(_ name: String, _ unit: String, _ help: String, _ value: Double) {
            registry.makeGauge(descriptor: .init(namespace: "lightbox", metricName: name, unitName: unit, helpText: help)).set(value)
        }
        let pool = session.openSeriesStatistics
        let cache = session.manager.cache
        let load = gate.load
        gauge("cache_used", "bytes", "Bytes held by the volume cache", Double(cache.usedBytes))
        gauge("cache_budget", "bytes", "The volume cache's byte budget", Double(cache.budgetBytes))
        gauge("series_open", "count", "Series open in the cache (loaded or streaming)", Double(pool.open))
        gauge("series_in_use", "count", "Open series a request is using now", Double(pool.inUse))
        gauge("streams_in_flight", "count", "Series streaming from their source now", Double(pool.streaming))
        gauge("series_opened", "total", "Series opened (streamed from their source) since start", Double(pool.misses))
        gauge("series_shared", "total", "Requests served by a series already open or opening", Double(pool.hits))
        gauge("renders_running", "count", "Renders running now", Double(load.running))
        gauge("renders_waiting", "count", "Renders waiting for a place", Double(load.waiting))
        if let origin {
            gauge("origin_requests", "total", "Requests the volume loader sent to the origin (metadata and pixels), retries included", Double(origin.statistics.attempts))
        }
        if let passThrough {
            gauge("origin_passthrough_requests", "total", "QIDO-RS, metadata, series-list and access-check requests sent to the origin",
                  Double(passThrough.requestCount))
        }
        return registry.emitToString()
    }
}
#endif
