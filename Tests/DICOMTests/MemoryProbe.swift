import Foundation

/// Peak resident memory of this process, from /proc/self/status (Linux). `reset()` restarts the peak
/// (writing 5 to /proc/self/clear_refs), so a measurement is not hidden by an earlier test's peak.
enum MemoryProbe {
    /// VmHWM in bytes (0 where /proc is unavailable).
    static var peakResident: Int { field("VmHWM") }
    /// VmRSS in bytes.
    static var resident: Int { field("VmRSS") }
    /// VmPeak (peak virtual size) in bytes: rises with every allocation, even one never touched.
    static var peakVirtual: Int { field("VmPeak") }
    /// VmSize (current virtual size) in bytes.
    static var virtualSize: Int { field("VmSize") }

    /// Resets VmHWM to the current RSS; false when the kernel does not allow it.
    @discardableResult
    static func reset() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// The growth of the peak resident size while `body` runs, in bytes.
    static func peakGrowth(_ body: () throws -> Void) rethrows -> Int {
        let resetWorked = reset()
        let before = resetWorked ? resident : peakResident
        try body()
        return max(0, peakResident - before)
    }

    private static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
              let kb = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return 0 }
        return kb * 1024
    }
}
