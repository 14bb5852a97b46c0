import Foundation
import Jobs
import XCTest

/// `lightbox serve --folder` as a user runs it: it prints where it listens, serves the folder's series (the same
/// bytes as `lightbox render`), nothing else, and stops cleanly on SIGTERM.
final class ServeCommandTests: XCTestCase {
    var executable: URL {
        var url = Bundle(for: Self.self).bundleURL
        while url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        return url.appendingPathComponent("lightbox")
    }

    func testFolderServingAndGracefulShutdown() async throws {
        let files = try await PhantomFixture.shared.files()
        let uids = try PhantomUIDs.of(files.ctFiles)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["serve", "--folder", files.ctFolder.path, "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = firstLine(of: output)
        let url = try XCTUnwrap(text.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, text)
        XCTAssertTrue(url.hasPrefix("http://127.0.0.1:"), text)

        let instance = uids.instances[3]
        let path = "/studies/\(uids.study)/series/\(uids.series)/instances/\(instance)/rendered?viewport=80,80"
        let served = try await ServeHarness.get(url + path, headers: [("Accept", "image/png")])
        XCTAssertEqual(served.status, 200, String(decoding: served.body, as: UTF8.self))
        let level = try RenderedResourceLevel(study: uids.study, series: uids.series, instance: instance)
        let request = try RenderedResourceRequest.parse(level: level, kind: .rendered, query: [("viewport", "80,80")], accept: "image/png")
        let input = SeriesInput.files([files.ctFolder.path])
        let session = LightboxSession()
        let opened = try await session.open(input, seriesUID: uids.series)
        let arguments = try XCTUnwrap(try request.plan(for: opened, input: input).images.first).arguments
        await session.release(opened)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-serve-cli-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: out) }
        let render = Process()
        render.executableURL = executable
        render.arguments = ["render", files.ctFolder.path, "-o", out.path, "--quiet"] + arguments
        try render.run()
        render.waitUntilExit()
        XCTAssertEqual(served.body, try Data(contentsOf: out), "served and rendered bytes")

        let notHere = try await ServeHarness.get(url + "/studies/\(uids.study)/series/1.2.3/rendered")
        XCTAssertEqual(notHere.status, 404)
        let search = try await ServeHarness.get(url + "/studies")
        XCTAssertEqual(search.status, 404, "a folder has no origin to search")

        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<200 where process.isRunning { usleep(50_000) }
        XCTAssertFalse(process.isRunning, "the server did not stop on SIGTERM")
        if process.isRunning { process.terminate() } else { XCTAssertEqual(process.terminationStatus, 0) }
    }
}
