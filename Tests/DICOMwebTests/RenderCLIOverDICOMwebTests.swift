import Foundation
import Raster
import XCTest

/// `lightbox render dicomweb:…` as a user runs it, against the local Orthanc.
final class RenderCLIOverDICOMwebTests: XCTestCase {
    /// The built `lightbox` next to the test bundle.
    var executable: URL {
        var url = Bundle(for: Self.self).bundleURL
        while url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        return url.appendingPathComponent("lightbox")
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func testRenderStreamsADICOMwebSeriesLikeFiles() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dw-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try await PhantomFixture.shared.files()
        let web = folder.appendingPathComponent("web.png"), local = folder.appendingPathComponent("local.png")
        let id = PhantomFixture.seriesID(servers.openDICOMweb, modality: "CT")
        let result = try run(["render", id, "-o", web.path, "--view", "coronal", "--size", "128x128", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("\"loadState\" : \"complete\""), result.stdout)
        XCTAssertEqual(try run(["render", files.ctFolder.path, "-o", local.path, "--view", "coronal", "--size", "128x128", "--quiet"]).status, 0)
        XCTAssertEqual(try PNGCodec.read(contentsOf: web), try PNGCodec.read(contentsOf: local), "same series, same frame")

        let denied = try run(["render", PhantomFixture.seriesID(servers.authDICOMweb, modality: "CT"), "-o", folder.appendingPathComponent("x.png").path])
        XCTAssertEqual(denied.status, 2)
        XCTAssertTrue(denied.stderr.contains("401"), denied.stderr)
        let secret = "not-the-password-\(UUID().uuidString.prefix(6))"
        let wrong = try run(["render", PhantomFixture.seriesID(servers.authDICOMweb, modality: "CT"), "-o", folder.appendingPathComponent("y.png").path,
                             "--basic-auth", "\(servers.user):\(secret)"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertFalse((wrong.stdout + wrong.stderr).contains(secret), "a credential leaked into the output")
    }

    /// Progressive frames over DICOMweb are the frames from files for the same retrieval order (the default,
    /// interleaved), byte for byte, and `--json` times each of them.
    func testProgressiveFramesOverDICOMwebEqualThoseFromFiles() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dw-progressive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try await PhantomFixture.shared.files()
        let id = PhantomFixture.seriesID(servers.openDICOMweb, modality: "CT")
        let web = folder.appendingPathComponent("web.png"), local = folder.appendingPathComponent("local.png")
        let common = ["--view", "coronal", "--size", "128x128", "--progressive", "25"]
        let result = try run(["render", id, "-o", web.path, "--json"] + common)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try run(["render", files.ctFolder.path, "-o", local.path, "--quiet"] + common).status, 0)
        for suffix in ["-025", "-050", "-075", ""] {
            let a = folder.appendingPathComponent("web\(suffix).png"), b = folder.appendingPathComponent("local\(suffix).png")
            XCTAssertEqual(try PNGCodec.read(contentsOf: a), try PNGCodec.read(contentsOf: b), "frame \(suffix.isEmpty ? "final" : suffix)")
        }
        XCTAssertNotEqual(try PNGCodec.read(contentsOf: folder.appendingPathComponent("web-025.png")), try PNGCodec.read(contentsOf: web))
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let frames = try XCTUnwrap(report["frames"] as? [[String: Any]])
        XCTAssertEqual(frames.compactMap { $0["percent"] as? Int }, [25, 50, 75])
        XCTAssertTrue(frames.allSatisfy { ($0["seconds"] as? Double).map { $0 > 0 } ?? false }, "\(frames)")
        XCTAssertNotNil((report["timings"] as? [String: Any])?["firstFrameSeconds"] as? Double)
    }

    func testThumbnailsOverADICOMwebServer() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dw-thumbs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let first = try run(["thumbnails", "--dicomweb", servers.openDICOMweb, "-o", out.path, "--size", "64", "--quiet"])
        XCTAssertTrue([0, 3].contains(first.status), first.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("thumbnails.json"))) as? [String: Any])
        let entries = try XCTUnwrap(report["entries"] as? [[String: Any]])
        let root = "2.25.290136951283746505823178450198221460917"
        for (uid, kind) in [("\(root).3", "middle slice"), ("\(root).4", "MIP")] {
            let entry = try XCTUnwrap(entries.first { $0["seriesInstanceUID"] as? String == uid }, uid)
            XCTAssertEqual(entry["status"] as? String, "ok", "\(entry)")
            XCTAssertEqual(entry["kind"] as? String, kind)
            let frame = try PNGCodec.read(contentsOf: out.appendingPathComponent(try XCTUnwrap(entry["output"] as? String)))
            XCTAssertEqual([frame.width, frame.height], [64, 64])
        }
        let again = try run(["thumbnails", "--dicomweb", servers.openDICOMweb, "-o", out.path, "--size", "64"])
        XCTAssertTrue(again.stdout.contains(" 0 written"), again.stdout)
        let both = try run(["thumbnails", out.path, "--dicomweb", servers.openDICOMweb, "-o", out.path])
        XCTAssertEqual(both.status, 2)
    }
}
