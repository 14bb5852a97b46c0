import Foundation

/// `scripts/fault-proxy.py` run as a child process on loopback in front of one Orthanc.
final class FaultProxy: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    init(upstream: String, arguments: [String]) throws {
        let script = OrthancServers.packageRoot.appendingPathComponent("scripts/fault-proxy.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--upstream", upstream, "--max-seconds", "300"] + arguments
        let output = Pipe()
        process.standardOutput = output
        // The proxy exits when this pipe closes, so it cannot outlive the test process.
        process.standardInput = input
        process.standardError = FileHandle.standardError
        try process.run()
        // First line: "PORT <n>".
        let text = firstLine(of: output).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw NSError(domain: "FaultProxy", code: 1, userInfo: [NSLocalizedDescriptionKey: "fault proxy did not start: '\(text)'"])
        }
        self.port = port
    }

    /// The proxy's counters (`counted`, `forwarded`, `dropped`, `503`, `429`, `delayed`, `404`, `failed`, `bytes`).
    func stats(using servers: OrthancServers) async throws -> [String: Int] {
        let (_, body) = try await servers.get(url + "/__proxy/stats")
        return try JSONSerialization.jsonObject(with: body) as? [String: Int] ?? [:]
    }

    /// One request the proxy answered.
    struct Request: Decodable {
        var path: String
        var status: Int
        var bytes: Int
    }

    /// Every request the proxy answered, in order (its own /__proxy/ endpoints left out).
    func requests(using servers: OrthancServers) async throws -> [Request] {
        let (_, body) = try await servers.get(url + "/__proxy/requests")
        return try JSONDecoder().decode([Request].self, from: body)
    }

    /// The regular expression (`--match`) of a series retrieve's path (not its metadata, instances or frames).
    static let seriesRetrievePattern = "/series/[^/]+$"

    /// Closes the proxy's stdin (it exits), then waits up to 5 s, then kills it.
    /// (Process.waitUntilExit spins off the main thread in corelibs Foundation; poll instead.)
    func stop() {
        try? input.fileHandleForWriting.close()
        for _ in 0..<100 where process.isRunning { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    deinit { stop() }
}

/// The first line a child process writes to `pipe` (up to its newline, or all of it if it closes first), read byte by
/// byte so nothing after it is consumed.
func firstLine(of pipe: Pipe) -> String {
    var line = Data()
    while !line.contains(0x0A) {
        let byte = pipe.fileHandleForReading.readData(ofLength: 1)
        guard !byte.isEmpty else { break }
        line.append(byte)
    }
    return String(decoding: line, as: UTF8.self)
}
