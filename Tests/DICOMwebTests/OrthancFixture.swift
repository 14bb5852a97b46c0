import AsyncHTTPClient
import DICOM
import Foundation
import Loading
import NIOCore
import Phantom
import XCTest

/// The local Orthanc servers started by `scripts/orthanc.sh start`, found through the variables it
/// prints (`LIGHTBOX_ORTHANC_URL` …) or, when they are not exported, the `.orthanc/env` file it writes.
/// Missing servers skip the tests locally and fail them under `CI=true`.
struct OrthancServers: Sendable {
    let openURL: String
    let authURL: String
    let user: String
    let password: String

    var openDICOMweb: String { openURL + "/dicom-web" }
    var authDICOMweb: String { authURL + "/dicom-web" }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func find() -> OrthancServers? {
        var values = ProcessInfo.processInfo.environment
        if values["LIGHTBOX_ORTHANC_URL"] == nil {
            let state = values["LIGHTBOX_ORTHANC_STATE"].map { URL(fileURLWithPath: $0) } ?? packageRoot.appendingPathComponent(".orthanc")
            if let text = try? String(contentsOf: state.appendingPathComponent("env"), encoding: .utf8) {
                for line in text.split(separator: "\n") {
                    let assignment = line.hasPrefix("export ") ? line.dropFirst(7) : line[...]
                    guard let eq = assignment.firstIndex(of: "=") else { continue }
                    values[String(assignment[..<eq])] = String(assignment[assignment.index(after: eq)...])
                }
            }
        }
        guard let open = values["LIGHTBOX_ORTHANC_URL"], let auth = values["LIGHTBOX_ORTHANC_AUTH_URL"],
              let user = values["LIGHTBOX_ORTHANC_AUTH_USER"], let password = values["LIGHTBOX_ORTHANC_AUTH_PASSWORD"]
        else { return nil }
        return OrthancServers(openURL: open, authURL: auth, user: user, password: password)
    }

    /// The servers, or a skip (locally) / failure (CI) that says how to start them.
    static func require(file: StaticString = #filePath, line: UInt = #line) async throws -> OrthancServers {
        let message = "no Orthanc server: run `scripts/orthanc.sh start` (needs apt packages orthanc orthanc-dicomweb)"
        guard let servers = find() else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail(message, file: file, line: line)
                throw XCTSkip(message)
            }
            throw XCTSkip(message)
        }
        do {
            _ = try await servers.get(servers.openURL + "/system")
        } catch {
            let unreachable = "Orthanc at \(servers.openURL) does not answer (\(error)); run `scripts/orthanc.sh start`"
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(unreachable, file: file, line: line) }
            throw XCTSkip(unreachable)
        }
        return servers
    }

    func get(_ url: String, authorized: Bool = false) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: url)
        if authorized { request.headers.add(name: "Authorization", value: basicHeader) }
        let response = try await DICOMwebClient.sharedHTTPClient.execute(request, timeout: .seconds(30))
        var body = try await response.body.collect(upTo: 64 << 20)
        return (Int(response.status.code), Data(body.readBytes(length: body.readableBytes) ?? []))
    }

    var basicHeader: String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }

    /// Stores Part 10 files through Orthanc's REST API (`POST /instances`); already stored ones are fine.
    func upload(_ files: [URL], to base: String, authorized: Bool = false) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var iterator = files.makeIterator()
            func next() -> Bool {
                guard let file = iterator.next() else { return false }
                group.addTask {
                    var request = HTTPClientRequest(url: base + "/instances")
                    request.method = .POST
                    if authorized { request.headers.add(name: "Authorization", value: self.basicHeader) }
                    request.headers.add(name: "Content-Type", value: "application/dicom")
                    request.body = .bytes(ByteBuffer(bytes: try Data(contentsOf: file)))
                    let response = try await DICOMwebClient.sharedHTTPClient.execute(request, timeout: .seconds(60))
                    _ = try await response.body.collect(upTo: 1 << 20)
                    guard response.status == .ok else {
                        throw XCTSkip("uploading \(file.lastPathComponent) answered HTTP \(response.status.code)")
                    }
                }
                return true
            }
            for _ in 0..<4 { _ = next() }
            while try await group.next() != nil { _ = next() }
        }
    }
}

/// The phantom study written once per test run, and uploaded once per server.
actor PhantomFixture {
    static let shared = PhantomFixture()

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dicomweb-\(getpid())")
    private var output: PhantomWriter.Output?
    private var uploaded: Set<String> = []

    func files() throws -> PhantomWriter.Output {
        if let output { return output }
        let written = try PhantomWriter().write(to: folder)
        // Removed when the test process exits (the path is recomputed: atexit takes no context).
        atexit {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dicomweb-\(getpid())")
            try? FileManager.default.removeItem(at: folder)
        }
        output = written
        return written
    }

    /// Uploads the phantom CT and PET once to `base`.
    func uploadPhantom(_ servers: OrthancServers, to base: String, authorized: Bool = false) async throws {
        guard !uploaded.contains(base) else { return }
        let output = try files()
        try await servers.upload(output.ctFiles + output.petFiles, to: base, authorized: authorized)
        uploaded.insert(base)
    }

    /// Series ids of the phantom on a DICOMweb root.
    static func seriesID(_ dicomweb: String, modality: String) -> String {
        let root = "2.25.290136951283746505823178450198221460917"
        return "dicomweb:\(dicomweb)/studies/\(root).1/series/\(root).\(modality == "CT" ? 3 : 4)"
    }
}

/// Real test files from scripts/fetch-testdata.sh (.testdata/pydicom/…).
enum RealFiles {
    static var root: URL {
        if let override = ProcessInfo.processInfo.environment["LIGHTBOX_TESTDATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return OrthancServers.packageRoot.appendingPathComponent(".testdata")
    }

    static func require(_ names: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [URL] {
        let urls = names.map { root.appendingPathComponent("pydicom").appendingPathComponent($0) }
        for url in urls where !FileManager.default.fileExists(atPath: url.path) {
            let message = "\(url.path) is missing; run scripts/fetch-testdata.sh"
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail(message, file: file, line: line) }
            throw XCTSkip(message)
        }
        return urls
    }
}
