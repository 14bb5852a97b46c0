import Foundation
import XCTest

/// Independent programs the tests compare against (ImageMagick, Chromium, the pinned Python reference venv):
/// found on PATH or at a fixed place, run to completion; a missing one fails under CI=true and skips elsewhere.
public enum ExternalTool {
    /// The package root (three levels above this file, Tests/TestSupport/<file>).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable `name` on PATH, or nil.
    public static func find(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// `name` on PATH, or a CI failure / skip naming the package that provides it.
    public static func require(_ name: String, package: String) throws -> URL {
        guard let url = find(name) else { try unavailable("`\(name)` (Debian package \(package))", fix: "run `make deps`") }
        return url
    }

    /// The reference venv's Python (scripts/reference-tools.sh), or a CI failure / skip.
    public static func referencePython() throws -> URL {
        let url = packageRoot.appendingPathComponent(".venv-reference/bin/python3")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            try unavailable("The reference Python packages (.venv-reference)", fix: "run scripts/reference-tools.sh")
        }
        return url
    }

    public struct Output {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `executable arguments…` to completion, capturing both outputs; `environment` is added to this process's.
    @discardableResult
    public static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Fails under CI=true (the tool must be there), skips otherwise.
    public static func unavailable(_ what: String, fix: String) throws -> Never {
        let message = "\(what) is missing; \(fix)"
        if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message) }
        throw XCTSkip(message)
    }
}
