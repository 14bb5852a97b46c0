import DICOM
import Foundation
import XCTest
@testable import Loading
import Phantom
import Volume

/// The phantom loaded from files, and bit-for-bit comparison: the oracle of every streaming test.
extension XCTestCase {
    /// The phantom series loaded from its files: the reference a DICOMweb volume must equal bit for bit.
    func fileVolume(_ modality: String) async throws -> (StreamingImageVolume, seconds: Double) {
        let output = try await PhantomFixture.shared.files()
        let files = modality == "CT" ? output.ctFiles : output.petFiles
        let manager = VolumeManager(registry: LoaderRegistry([FileImageLoader()]))
        let clock = ContinuousClock()
        let start = clock.now
        let streaming = try await manager.createAndCacheVolume(id: "file:\(modality)", imageIDs: files.map(FileImageLoader.imageID(for:)))
        let state = await streaming.load()
        XCTAssertEqual(state, .complete)
        return (streaming, (clock.now - start).seconds)
    }

    func assertSameVolume(_ web: ImageVolume, _ file: ImageVolume, file path: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(web.voxelType, file.voxelType, file: path, line: line)
        XCTAssertEqual(web.rescale, file.rescale, file: path, line: line)
        XCTAssertEqual(web.geometry.dimensions.x, file.geometry.dimensions.x, file: path, line: line)
        XCTAssertEqual(web.geometry.dimensions.y, file.geometry.dimensions.y, file: path, line: line)
        XCTAssertEqual(web.geometry.dimensions.z, file.geometry.dimensions.z, file: path, line: line)
        XCTAssertEqual(web.slices.map(\.sopInstanceUID), file.slices.map(\.sopInstanceUID), "same slice order", file: path, line: line)
        for (a, b) in zip(web.slices, file.slices) {
            XCTAssertEqual(a.plane.position.x, b.plane.position.x, accuracy: 1e-9, file: path, line: line)
            XCTAssertEqual(a.plane.position.y, b.plane.position.y, accuracy: 1e-9, file: path, line: line)
            XCTAssertEqual(a.plane.position.z, b.plane.position.z, accuracy: 1e-9, file: path, line: line)
            XCTAssertEqual(a.rescale, b.rescale, file: path, line: line)
        }
        XCTAssertEqual(web.buffer.byteCount, file.buffer.byteCount, file: path, line: line)
        let same = memcmp(web.buffer.baseAddress, file.buffer.baseAddress, web.buffer.byteCount) == 0
        XCTAssertTrue(same, "voxel buffers differ", file: path, line: line)
    }
}

/// Streaming from a real Orthanc (with its DICOMweb plugin) started by `scripts/orthanc.sh start`.
final class OrthancStreamingTests: XCTestCase {
    func testPhantomCTAndPETFromOrthancEqualTheFilesBitForBit() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        for (modality, gzip) in [("CT", true), ("CT", false), ("PET", true)] {
            let (reference, fileSeconds) = try await fileVolume(modality)
            let loader = DICOMwebLoader(configuration: .init(acceptCompression: gzip))
            let manager = VolumeManager(registry: LoaderRegistry([FileImageLoader(), loader]))
            let clock = ContinuousClock()
            let start = clock.now
            let streaming = try await manager.createAndCacheVolume(
                dicomwebSeries: PhantomFixture.seriesID(servers.openDICOMweb, modality: modality), concurrency: 6)
            let state = await streaming.load()
            let seconds = (clock.now - start).seconds
            XCTAssertEqual(state, .complete)
            assertSameVolume(streaming.volume, reference.volume)
            let stats = loader.client.statistics
            // The CT's anchors one request each beside the retrieve; the PET is small enough for the retrieve alone.
            XCTAssertEqual(stats.statuses[200], modality == "CT" ? 5 : 2, "one metadata request, the anchors of a large series, one series retrieve")
            XCTAssertEqual(stats.retries, 0)
            let megabytes = Double(streaming.volume.buffer.byteCount) / 1_048_576
            print(String(format: "DICOMweb %@ phantom (%@): %.1f MB of voxels in %.3f s from Orthanc (%.1f MB/s, %d requests, %.1f MB of bodies) vs %.3f s from files (%.1f MB/s)",
                         modality, gzip ? "gzip offered" : "identity", megabytes, seconds, megabytes / seconds, stats.attempts, Double(stats.bodyBytes) / 1_048_576,
                         fileSeconds, megabytes / fileSeconds))
        }
    }

    func testSlicesArriveOneByOneAsEvents() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        // One request per frame: the anchors then arrive first (with a series retrieve they may not; see SeriesRetrieveTests).
        let manager = VolumeManager(registry: LoaderRegistry([DICOMwebLoader(retrieval: .perFrame)]))
        let streaming = try await manager.createAndCacheVolume(
            dicomwebSeries: PhantomFixture.seriesID(servers.openDICOMweb, modality: "PET"), order: .interleaved, concurrency: 3)
        let events = streaming.events()
        let total = streaming.volume.sliceCount
        XCTAssertEqual(streaming.volume.loadedCount, 0, "metadata first: no pixels before load()")
        streaming.start()
        var loadedCounts: [Int] = []
        var indices: [Int] = []
        var stages: [String] = []
        var loadedSeenBeforeEnd = Set<Int>()
        var final: VolumeLoadState?
        for await event in events {
            switch event {
            case .sliceLoaded(let index, let loaded, let count, let bytes):
                XCTAssertEqual(count, total)
                XCTAssertEqual(bytes, 128 * 128 * 4)
                loadedCounts.append(loaded)
                indices.append(index)
                // The volume already holds the slice when its event arrives.
                if streaming.volume.sliceStates[index] == .loaded { loadedSeenBeforeEnd.insert(index) }
            case .stageFinished(let name):
                stages.append(name)
            case .sliceFailed(_, let id, let error):
                XCTFail("\(id): \(error)")
            case .finished(let state):
                final = state
            }
        }
        XCTAssertEqual(final, .complete)
        XCTAssertEqual(loadedCounts, Array(1...total), "one event per slice, counting up")
        XCTAssertEqual(Set(indices), Set(0..<total))
        XCTAssertEqual(loadedSeenBeforeEnd.count, total)
        XCTAssertEqual(Array(indices.prefix(3)).sorted(), [0, total / 2, total - 1].sorted(), "anchors first")
        XCTAssertEqual(stages, RetrievalOrder.interleaved.stages(total).map(\.name))
    }

    func testRealFilesMatchTheFileLoader() async throws {
        let servers = try await OrthancServers.require()
        let urls = try RealFiles.require(["CT_small.dcm", "rtdose.dcm", "MR_small_RLE.dcm", "MR_small.dcm"])
        try await servers.upload([urls[0], urls[1], urls[2]], to: servers.openURL)
        let files = FileImageLoader()

        // A single CT image, through VolumeManager.loadImage, in both schemes.
        for (url, compare) in [(urls[0], urls[0]), (urls[2], urls[3])] {
            let file = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
            let ds = file.dataSet
            let id = DICOMwebID(baseURL: servers.openDICOMweb, studyUID: ds.string(.studyInstanceUID)!,
                                seriesUID: ds.string(.seriesInstanceUID)!, instanceUID: ds.string(.sopInstanceUID)!)
            // RLE on the server: asked for as stored, no decoder here, so asked again in native.
            let loader = DICOMwebLoader(frameRequest: .anyTransferSyntax)
            let web = try await VolumeManager(registry: LoaderRegistry([loader])).loadImage(id: id.id)
            let reference = try await VolumeManager(registry: LoaderRegistry([files])).loadImage(id: FileImageLoader.imageID(for: compare))
            XCTAssertEqual(web.bytes, reference.bytes, url.lastPathComponent)
            XCTAssertEqual(web.voxelType, reference.voxelType)
            XCTAssertEqual(web.metadata.plane.position, reference.metadata.plane.position)
            XCTAssertEqual(web.rescale, reference.rescale)
            XCTAssertEqual(loader.transferSyntaxFallbacks, url == urls[2] ? 1 : 0, url.lastPathComponent)
        }

        // A multi-frame RT dose: one instance, one volume of frames fetched as …/frames/{n}.
        let dose = try DICOMFile.read(contentsOf: urls[1], mode: .metadataOnly).dataSet
        let seriesID = DICOMwebID(baseURL: servers.openDICOMweb, studyUID: dose.string(.studyInstanceUID)!,
                                  seriesUID: dose.string(.seriesInstanceUID)!)
        let loader = DICOMwebLoader()
        let webDose = try await VolumeManager(registry: LoaderRegistry([loader])).createAndCacheVolume(dicomwebSeries: seriesID.id)
        let fileDose = try await VolumeManager(registry: LoaderRegistry([files])).createAndCacheVolume(
            id: "file:dose", imageIDs: [FileImageLoader.imageID(for: urls[1])])
        let states = await (webDose.load(), fileDose.load())
        XCTAssertEqual(states.0, .complete)
        XCTAssertEqual(states.1, .complete)
        XCTAssertGreaterThan(webDose.volume.sliceCount, 3)
        assertSameVolume(webDose.volume, fileDose.volume)
        let retrieval = loader.retrievalStatistics
        // A small instance: its frame list brings the leading stages too, without requests of their own.
        XCTAssertEqual(retrieval.singleFrames, 0, "no frame asked for on its own")
        XCTAssertEqual(retrieval.frameListRequests, 1, "every frame in one frame list")
        XCTAssertEqual(retrieval.framesFromFrameLists, webDose.volume.sliceCount)
        XCTAssertEqual(retrieval.seriesRetrieves, 0, "a multi-frame instance is not asked for by series retrieve")

        // One frame by its own id.
        let frameID = seriesID.instance(dose.string(.sopInstanceUID)!).id + "/frames/2"
        let frame = try await VolumeManager(registry: LoaderRegistry([loader])).loadImage(id: frameID, frame: 1)
        XCTAssertEqual(frame.bytes, fileDose.volume.image(id: FileImageLoader.imageID(for: urls[1]), frame: 1)?.bytes)
    }

    func testFaultsAreRetriedAndTheVolumeStillCompletes() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let proxy = try FaultProxy(upstream: servers.openURL, arguments: [
            "--drop-every", "7", "--503-every", "11", "--429-every", "13", "--delay-every", "5", "--delay-ms", "150",
        ])
        defer { proxy.stop() }
        let (reference, _) = try await fileVolume("CT")
        let loader = DICOMwebLoader(configuration: .init(
            maxConcurrentRequestsPerHost: 4,
            retry: RetryPolicy(maxAttempts: 6, baseDelay: .milliseconds(20), maxDelay: .seconds(1))), retrieval: .perFrame)
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        let clock = ContinuousClock()
        let start = clock.now
        let streaming = try await manager.createAndCacheVolume(
            dicomwebSeries: PhantomFixture.seriesID(proxy.url + "/dicom-web", modality: "CT"), concurrency: 6)
        let state = await streaming.load()
        let seconds = (clock.now - start).seconds
        XCTAssertEqual(state, .complete)
        assertSameVolume(streaming.volume, reference.volume)
        let stats = loader.client.statistics
        let injected = try await proxy.stats(using: servers)
        let faults = injected["dropped", default: 0] + injected["503", default: 0] + injected["429", default: 0]
        XCTAssertGreaterThan(injected["dropped", default: 0], 0)
        XCTAssertGreaterThan(injected["503", default: 0], 0)
        XCTAssertGreaterThan(injected["429", default: 0], 0)
        XCTAssertGreaterThan(injected["delayed", default: 0], 0)
        XCTAssertEqual(stats.retries, faults, "every injected fault cost exactly one retry")
        XCTAssertEqual(stats.statuses[503], injected["503"])
        XCTAssertEqual(stats.statuses[429], injected["429"])
        XCTAssertGreaterThanOrEqual(stats.backoff, .seconds(1), "Retry-After: 1 was honoured")
        XCTAssertGreaterThanOrEqual(injected["gzip", default: 0], 1, "the metadata came gzip-encoded (Accept-Encoding offered) and was decoded")
        print("DICOMweb faults: \(streaming.volume.sliceCount) slices complete in \(String(format: "%.2f", seconds)) s through the proxy;"
              + " injected \(injected); client saw \(stats.attempts) attempts, \(stats.retries) retries,"
              + " \(stats.connectionFailures) connection failures, statuses \(stats.statuses), backoff \(stats.backoff)")
    }

    func testMissingInstanceFailsOnlyItsSliceNamingItsIDAndStatus() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let victimUID = "2.25.290136951283746505823178450198221460917.3.61"
        let proxy = try FaultProxy(upstream: servers.openURL, arguments: ["--not-found", "/instances/\(victimUID)/frames/"])
        defer { proxy.stop() }
        let loader = DICOMwebLoader(retrieval: .perFrame)
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        let streaming = try await manager.createAndCacheVolume(
            dicomwebSeries: PhantomFixture.seriesID(proxy.url + "/dicom-web", modality: "CT"), concurrency: 6)
        let events = streaming.events()
        let state = await streaming.load()
        let victim = try XCTUnwrap(streaming.volume.slices.firstIndex { $0.sopInstanceUID == victimUID })
        XCTAssertEqual(state, .incomplete(failedSlices: [victim]))
        XCTAssertEqual(streaming.volume.loadedCount, streaming.volume.sliceCount - 1)
        var failures: [(String, String)] = []
        for await event in events { if case .sliceFailed(_, let id, let error) = event { failures.append((id, error)) } }
        XCTAssertEqual(failures.count, 1)
        XCTAssertTrue(failures.first?.0.hasSuffix("/instances/\(victimUID)") == true)
        let message = failures.first?.1 ?? ""
        XCTAssertTrue(message.contains("/instances/\(victimUID)") && message.contains("HTTP 404"), message)
        XCTAssertFalse(message.contains("after"), "404 is not retried: \(message)")
        XCTAssertEqual(loader.client.statistics.statuses[404], 1)
    }

    func testAuthenticationWithoutWithAndWithWrongCredentials() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.authURL, authorized: true)
        let seriesID = PhantomFixture.seriesID(servers.authDICOMweb, modality: "PET")
        var texts: [String] = []

        // No credentials: a clear 401.
        do {
            _ = try await VolumeManager(registry: LoaderRegistry([DICOMwebLoader()])).createAndCacheVolume(dicomwebSeries: seriesID)
            XCTFail("loaded without credentials")
        } catch let error as DICOMwebError {
            XCTAssertEqual(error.httpStatus, 401)
            XCTAssertTrue(error.description.contains("HTTP 401 Unauthorized") && error.description.contains("needs credentials"), error.description)
            texts.append(error.description)
        }

        // Wrong password: refused, and the wrong password is not printed either.
        let wrong = DICOMwebLoader(configuration: .init(authorization: .basic(user: servers.user, password: "wrong-\(servers.password)")))
        do {
            _ = try await VolumeManager(registry: LoaderRegistry([wrong])).createAndCacheVolume(dicomwebSeries: seriesID)
            XCTFail("loaded with a wrong password")
        } catch {
            XCTAssertEqual((error as? DICOMwebError)?.httpStatus, 401)
            texts.append(String(describing: error))
            texts.append(String(reflecting: error))
        }

        // Right credentials: loads, and a 404 under them does not echo them.
        let configuration = DICOMwebClient.Configuration(authorization: .basic(user: servers.user, password: servers.password))
        let loader = DICOMwebLoader(configuration: configuration)
        let streaming = try await VolumeManager(registry: LoaderRegistry([loader])).createAndCacheVolume(dicomwebSeries: seriesID)
        let state = await streaming.load()
        XCTAssertEqual(state, .complete)
        do {
            _ = try await loader.loadMetadata(imageID: seriesID.replacingOccurrences(of: "/series/", with: "/series/9") + "/instances/1")
            XCTFail("found a series that does not exist")
        } catch {
            texts.append(String(describing: error))
        }
        texts.append(String(describing: configuration))
        texts.append(String(reflecting: loader.client.configuration))
        let token = Data("\(servers.user):\(servers.password)".utf8).base64EncodedString()
        for text in texts {
            XCTAssertFalse(text.contains(servers.password), "credential leaked: \(text)")
            XCTAssertFalse(text.contains(token), "credential leaked: \(text)")
        }
    }

    func testCancellingStopsPromptlyAndKeepsWhatArrived() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        // Every second frame request is answered only after a minute: cancelling must end those requests, not wait.
        let proxy = try FaultProxy(upstream: servers.openURL, arguments: ["--delay-every", "2", "--delay-ms", "60000"])
        defer { proxy.stop() }
        let loader = DICOMwebLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        let streaming = try await manager.createAndCacheVolume(
            dicomwebSeries: PhantomFixture.seriesID(proxy.url + "/dicom-web", modality: "CT"), concurrency: 4)
        let events = streaming.events()
        let task = streaming.start()
        for await event in events { if case .sliceLoaded = event { break } }
        streaming.cancel()
        let state = await task.value
        XCTAssertEqual(state, .cancelled)
        // Had cancelling waited for the delayed answers, every attempt would have one by now.
        let statistics = loader.client.statistics
        let answered = statistics.statuses.values.reduce(0, +)
        XCTAssertLessThan(answered, statistics.attempts, "the delayed requests were answered, not cancelled: \(statistics)")
        let loaded = streaming.volume.loadedCount
        XCTAssertGreaterThanOrEqual(loaded, 1)
        XCTAssertLessThan(loaded, streaming.volume.sliceCount)
        XCTAssertFalse(streaming.volume.sliceStates.contains(.failed), "cancelled slices are not failures")
    }

    func testUnreachableServerFailsWithConnectionErrorAfterRetries() async throws {
        // A loopback port nothing listens on (bound then closed).
        let port = try freeLoopbackPort()
        let loader = DICOMwebLoader(configuration: .init(
            requestTimeout: .seconds(1), retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10))))
        do {
            _ = try await loader.imageIDs(ofSeries: "dicomweb:http://127.0.0.1:\(port)/dicom-web/studies/1/series/2")
            XCTFail("no server, yet it answered")
        } catch let error as DICOMwebError {
            guard case .connection(let resource, _, let attempts) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(attempts, 3)
            XCTAssertTrue(resource.hasSuffix("/series/2"))
        }
        XCTAssertEqual(loader.client.statistics.retries, 2)
    }

    private func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The compressed path: with `transfer-syntax=*` Orthanc sends what it stores (RLE here), and a
/// registered decoder for that syntax (the DICOM layer's, `FrameDecoders.table`) is used instead of native bytes.
final class CompressedFrameTests: XCTestCase {
    func testCompressedFramesUseARegisteredDecoder() async throws {
        let servers = try await OrthancServers.require()
        let urls = try RealFiles.require(["MR_small_RLE.dcm", "MR_small.dcm"])
        try await servers.upload([urls[0]], to: servers.openURL)
        let ds = try DICOMFile.read(contentsOf: urls[0], mode: .metadataOnly).dataSet
        let id = DICOMwebID(baseURL: servers.openDICOMweb, studyUID: ds.string(.studyInstanceUID)!,
                            seriesUID: ds.string(.seriesInstanceUID)!, instanceUID: ds.string(.sopInstanceUID)!)
        let loader = DICOMwebLoader(frameRequest: .anyTransferSyntax, frameDecoders: FrameDecoders.table)
        let web = try await VolumeManager(registry: LoaderRegistry([loader])).loadImage(id: id.id)
        let reference = try await VolumeManager(registry: LoaderRegistry([FileImageLoader()])).loadImage(id: FileImageLoader.imageID(for: urls[1]))
        XCTAssertEqual(web.bytes, reference.bytes)
        XCTAssertEqual(loader.transferSyntaxFallbacks, 0)
    }
}
