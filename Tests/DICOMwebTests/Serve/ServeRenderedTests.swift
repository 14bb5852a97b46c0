import Foundation
import Jobs
import Raster
import Server
import XCTest

/// The rendered resources as a viewer asks for them: the pinned Python dicomweb-client retrieves instance, frame and
/// series rendered images and a thumbnail, plain HTTP the volumetric ones; each image equals, byte for byte, what
/// `lightbox render` writes for the same parameters (`RenderedImagePlan.arguments`) from the same files.
final class ServeRenderedTests: XCTestCase {
    var executable: URL {
        var url = Bundle(for: Self.self).bundleURL
        while url.lastPathComponent.hasSuffix(".xctest") { url.deleteLastPathComponent() }
        return url.appendingPathComponent("lightbox")
    }

    func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// What `lightbox render` writes for `request` from the phantom CT files, with the options its plan names.
    func cliImage(_ request: RenderedResourceRequest, folder: URL, name: String) async throws -> Data {
        let files = try await PhantomFixture.shared.files()
        let input = SeriesInput.files([files.ctFolder.path])
        let session = LightboxSession()
        let opened = try await session.open(input, seriesUID: request.level.seriesUID)
        let plan = try request.plan(for: opened, input: input)
        await session.release(opened)
        let image = try XCTUnwrap(plan.images.first)
        let out = folder.appendingPathComponent("cli-\(name)")
        let result = try run(executable, ["render", files.ctFolder.path, "-o", out.path, "--quiet"] + image.arguments)
        XCTAssertEqual(result.status, 0, result.output)
        return try Data(contentsOf: out)
    }

    func testDICOMwebClientRetrievesWhatTheCLIRenders() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let uids = try PhantomUIDs.of(try await PhantomFixture.shared.files().ctFiles)
        let python = OrthancServers.packageRoot.appendingPathComponent(".venv-reference/bin/python3")
        guard FileManager.default.fileExists(atPath: python.path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("run `make reference-tools`") }
            throw XCTSkip("dicomweb-client is missing: run `make reference-tools`")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-serve-rendered-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let harness = try await ServeHarness.start({ _ in }, source: .origin(servers.openDICOMweb))
        let instance = uids.instances[uids.instances.count / 2]
        let script = OrthancServers.packageRoot.appendingPathComponent("scripts/dicomweb-rendered.py")
        let fetched = try run(python, [script.path, "--url", harness.url, "--study", uids.study, "--series", uids.series,
                                       "--instance", instance, "--out", folder.path, "--param", "viewport=96,96"])
        XCTAssertEqual(fetched.status, 0, fetched.output)

        let query = [("viewport", "96,96")]
        let instanceLevel = try RenderedResourceLevel(study: uids.study, series: uids.series, instance: instance)
        let framesLevel = try RenderedResourceLevel(study: uids.study, series: uids.series, instance: instance, frames: "1")
        for (file, level, kind) in [("instance.png", instanceLevel, RenderedResourceKind.rendered), ("frames-0.png", framesLevel, .rendered),
                                    ("thumbnail.png", instanceLevel, .thumbnail)] {
            let request = try RenderedResourceRequest.parse(level: level, kind: kind, query: query, accept: "image/png")
            let served = try Data(contentsOf: folder.appendingPathComponent(file))
            let cli = try await cliImage(request, folder: folder, name: file)
            XCTAssertEqual(served, cli, file)
        }
        let seriesParts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("series-") }
        XCTAssertEqual(seriesParts.count, uids.instances.count, "one rendered image per instance")
        let instanceImage = try Data(contentsOf: folder.appendingPathComponent("instance.png"))
        XCTAssertTrue(try seriesParts.contains { try Data(contentsOf: folder.appendingPathComponent($0)) == instanceImage },
                      "the instance's image is one of the series' images")
        await harness.stop()
    }

    func testVolumetricResourcesOverPlainHTTP() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let uids = try PhantomUIDs.of(try await PhantomFixture.shared.files().ctFiles)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-serve-volumetric-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let harness = try await ServeHarness.start({ _ in }, source: .origin(servers.openDICOMweb))
        let seriesLevel = try RenderedResourceLevel(study: uids.study, series: uids.series)
        let instanceLevel = try RenderedResourceLevel(study: uids.study, series: uids.series, instance: uids.instances[0])
        let cases: [(RenderedResourceLevel, RenderedResourceKind, [(String, String)])] = [
            (seriesLevel, .renderedMPR, [("renderingmethod", "maximum_ip"), ("orientation", "a"), ("mprslab", "20"), ("viewport", "96,96")]),
            (seriesLevel, .renderedMPR, [("orientation", "h"), ("viewport", "96,96"), ("window", "40,400,linear")]),
            (instanceLevel, .renderedMPR, [("orientation", "l"), ("viewport", "96,96")]),
            (seriesLevel, .rendered3D, [("renderingmethod", "maximum_ip"), ("orientation", "a"), ("viewport", "96,96")]),
            (instanceLevel, .rendered3D, [("renderingmethod", "average_ip"), ("orientation", "l"), ("viewport", "96,96")]),
        ]
        for (index, (level, kind, query)) in cases.enumerated() {
            let path = "/\(level.path)/\(kind.pathComponent)?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
            let answer = try await harness.get(path, headers: [("Accept", "image/png")])
            XCTAssertEqual(answer.status, 200, "\(path): \(String(decoding: answer.body, as: UTF8.self))")
            XCTAssertEqual(answer.headers.first(name: "Content-Type"), "image/png", path)
            let request = try RenderedResourceRequest.parse(level: level, kind: kind, query: query, accept: "image/png")
            let cliVolumetric = try await cliImage(request, folder: folder, name: "volumetric-\(index).png")
            XCTAssertEqual(answer.body, cliVolumetric, path)
        }
        let metadata = try await harness.get("/\(seriesLevel.path)/rendered3d?renderingmethod=maximum_ip&orientation=a&renderedvolumetricmetadata=yes",
                                             headers: [("Accept", "application/dicom+json")])
        XCTAssertEqual(metadata.status, 200, String(decoding: metadata.body, as: UTF8.self))
        let module = try XCTUnwrap(try JSONSerialization.jsonObject(with: metadata.body) as? [String: Any])
        XCTAssertEqual(((module["0070120D"] as? [String: Any])?["Value"] as? [String])?.first, "MAXIMUM_IP")
        await harness.stop()
    }
}
