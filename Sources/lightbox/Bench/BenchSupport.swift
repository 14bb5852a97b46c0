import Foundation

/// Timing, statistics and machine facts for benchmark output.
enum BenchSupport {
    /// Whether a row named `name` runs under `--filter`: its name contains one of the filter's `|`-separated texts
    /// (case-insensitive); every row runs without a filter.
    static func rowWanted(_ name: String, filter: String?) -> Bool {
        guard let filter else { return true }
        return filter.lowercased().split(separator: "|").contains { name.lowercased().contains($0) }
    }

    /// Seconds taken by `body`.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Seconds taken by an async `body`.
    static func time(_ body: () async throws -> Void) async rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try await body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Seconds of CPU (user + system, all threads) this process has used so far.
    static var cpuSeconds: Double { cpuSeconds(of: RUSAGE_SELF) }

    /// Seconds of CPU (user + system) of the child processes this process has waited for so far.
    static var childCPUSeconds: Double { cpuSeconds(of: RUSAGE_CHILDREN) }

    #if canImport(Glibc)
    private static func cpuSeconds(of who: __rusage_who) -> Double { cpuSeconds(ofWho: __rusage_who_t(who.rawValue)) }
    #else
    private static func cpuSeconds(of who: Int32) -> Double { cpuSeconds(ofWho: who) }
    #endif

    private static func cpuSeconds(ofWho who: Int32) -> Double {
        var usage = rusage()
        guard getrusage(who, &usage) == 0 else { return .nan }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Wall-clock and CPU seconds taken by `body`.
    static func timeWithCPU(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
        let cpu = cpuSeconds
        let wall = try time(body)
        return (wall, cpuSeconds - cpu)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// The CPU model and core count, for the header of every benchmark.
    static var machine: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB"
    }

    /// The 1, 5 and 15 minute load averages (/proc/loadavg), "unknown" elsewhere: how busy the machine was.
    static var loadAverage: String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
    }

    /// Peak resident set size of this process so far (VmHWM), bytes.
    static var peakRSS: Int { statusField("VmHWM") }
    /// Current resident set size (VmRSS), bytes.
    static var currentRSS: Int { statusField("VmRSS") }

    private static func statusField(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kb * 1024
    }

    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
    static func mib(_ bytes: Int) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
}
