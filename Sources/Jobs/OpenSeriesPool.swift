import Foundation
import Loading

/// The series a long-lived session keeps open between jobs (a server): one entry per series and volume choice,
/// shared by every job that asks for it while it is open. Concurrent opens of one series wait for the same
/// opening, so it is streamed once; a released series stays open, least recently used first out, until the cache
/// needs its bytes for another (`evictIdle`) or it did not load completely (then it is dropped on its last release).
final class OpenSeriesPool: @unchecked Sendable {
    private struct Entry {
        var opening: Task<OpenedSeries, any Error>
        var users: Int
        var lastUsed: UInt64
        /// The opened series, once the opening finished.
        var series: OpenedSeries?
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    private let counters = LockedCounters()

    /// Opens (once) the series of `key`; every caller must hand it back with `release(key:)`.
    func open(key: String, make: @escaping @Sendable () async throws -> OpenedSeries) async throws -> OpenedSeries {
        let task: Task<OpenedSeries, any Error> = lock.withLock {
            clock += 1
            if var entry = entries[key] {
                entry.users += 1
                entry.lastUsed = clock
                entries[key] = entry
                counters.hits += 1
                return entry.opening
            }
            counters.misses += 1
            let opening = Task { try await make() }
            entries[key] = Entry(opening: opening, users: 1, lastUsed: clock)
            return opening
        }
        do {
            let series = try await task.value
            lock.withLock { if entries[key]?.opening == task { entries[key]?.series = series } }
            return series
        } catch {
            // A failed opening is not kept: the next request tries again.
            lock.withLock {
                if let entry = entries[key], entry.opening == task {
                    entries[key]?.users -= 1
                    if entries[key]?.users == 0 { entries[key] = nil }
                }
            }
            throw error
        }
    }

    /// Hands a series back. Returns it when it must be released for real now: its last user left and it did not
    /// load completely (cancelled, or slices failed), so no later job may see a partial volume.
    func release(key: String, series: OpenedSeries) -> OpenedSeries? {
        lock.withLock {
            guard var entry = entries[key] else { return series }
            entry.users -= 1
            let volume = series.streaming.volume
            if entry.users == 0, volume.loadedCount < volume.sliceCount {
                entries[key] = nil
                return series
            }
            entries[key] = entry
            return nil
        }
    }

    /// Takes out the least recently used series no job holds (nil when every open series is in use).
    func evictIdle() async -> OpenedSeries? {
        let candidate: Task<OpenedSeries, any Error>? = lock.withLock {
            guard let (key, entry) = entries.filter({ $0.value.users == 0 }).min(by: { $0.value.lastUsed < $1.value.lastUsed })
            else { return nil }
            entries[key] = nil
            counters.evictions += 1
            return entry.opening
        }
        return try? await candidate?.value
    }

    /// Series open now, opens served by an open series, opens that had to open one, and series evicted.
    var statistics: OpenSeriesStatistics {
        lock.withLock {
            let streaming = entries.values.compactMap(\.series?.streaming.volume).filter { $0.loadedCount < $0.sliceCount }.count
            return OpenSeriesStatistics(open: entries.count, inUse: entries.values.filter { $0.users > 0 }.count, streaming: streaming,
                                 hits: counters.hits, misses: counters.misses, evictions: counters.evictions)
        }
    }

    /// Everything still open, emptied (for shutdown).
    func drain() async -> [OpenedSeries] {
        let tasks = lock.withLock {
            defer { entries.removeAll() }
            return entries.values.map(\.opening)
        }
        var series: [OpenedSeries] = []
        for task in tasks { if let s = try? await task.value { series.append(s) } }
        return series
    }

    private final class LockedCounters {
        var hits = 0, misses = 0, evictions = 0
    }
}

/// How a session's open-series pool has been used (see `LightboxSession.openSeriesStatistics`).
public struct OpenSeriesStatistics: Sendable, Equatable {
    /// Series open now (loaded or loading), and of those, the ones a job holds.
    public var open: Int
    public var inUse: Int
    /// Open series whose slices are still arriving.
    public var streaming: Int
    /// Opens answered by a series already open or opening (no new stream), and opens that started one.
    public var hits: Int
    public var misses: Int
    /// Idle series closed to make room in the cache.
    public var evictions: Int
}
