import Foundation
import TestSupport
import XCTest

/// Runs the built `lightbox` executable as a process, as users and CI jobs do.
enum CLI {
    /// The `lightbox` binary next to the test bundle.
    static var executable: URL {
        var url = Bundle(for: Marker.self).bundleURL
        while url.pathExtension == "xctest" || url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        return url.appendingPathComponent("lightbox")
    }

    final class Marker {}

    typealias Result = ExternalTool.Output

    /// Runs `lightbox arguments…` to completion.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try ExternalTool.run(executable, arguments, environment: environment)
    }

    /// Runs `lightbox arguments…` with its output discarded and returns its exit status and peak resident set
    /// (the kernel's VmHWM, read every 10 ms while it runs).
    static func runMeasuringPeakMemory(_ arguments: [String]) throws -> (status: Int32, peakBytes: Int) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var peak = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ").dropFirst().first ?? "") {
                peak = max(peak, kib * 1024)
            }
            usleep(10_000)
        }
        process.waitUntilExit()
        return (process.terminationStatus, peak)
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
