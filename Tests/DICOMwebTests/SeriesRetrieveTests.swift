import DICOM
import Foundation
import NIOCore
import XCTest
@testable import Loading
import Volume

/// The bulk path (`DICOMwebRetrieval.auto`): anchors one frame request each while one series retrieve, parsed as it
/// streams, brings the rest, through the fault proxy, which counts every request and byte.
final class SeriesRetrieveTests: XCTestCase {
    private struct Run {
        var streaming: StreamingImageVolume
        var loader: DICOMwebLoader
        var requests: [FaultProxy.Request]
        var events: [VolumeEvent]

        var seriesRequests: [FaultProxy.Request] { requests.filter { $0.path.range(of: FaultProxy.seriesRetrievePattern, options: .regularExpression) != nil } }
        var frameRequests: [FaultProxy.Request] { requests.filter { $0.path.contains("/frames/") } }
        var metadataRequests: [FaultProxy.Request] { requests.filter { $0.path.hasSuffix("/metadata") } }
    }

    /// Streams the phantom `modality` through a proxy started with `faults`, checks it equals the files bit for bit.
    private func stream(_ modality: String, faults: [String], file: StaticString = #filePath, line: UInt = #line) async throws -> Run {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let proxy = try FaultProxy(upstream: servers.openURL, arguments: faults)
        defer { proxy.stop() }
        let loader = DICOMwebLoader(configuration: .init(
            retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .seconds(1))))
        return try await stream(modality, through: proxy, loader: loader, servers: servers, file: file, line: line)
    }

    /// Streams the phantom `modality` through `proxy` with `loader`; the requests are the proxy's since it started.
    private func stream(_ modality: String, through proxy: FaultProxy, loader: DICOMwebLoader, servers: OrthancServers,
                        file: StaticString = #filePath, line: UInt = #line) async throws -> Run {
        let (reference, _) = try await fileVolume(modality)
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        let streaming = try await manager.createAndCacheVolume(
            dicomwebSeries: PhantomFixture.seriesID(proxy.url + "/dicom-web", modality: modality))
        let events = streaming.events()
        let state = await streaming.load()
        var seen: [VolumeEvent] = []
        for await event in events { seen.append(event) }
        XCTAssertEqual(state, .complete, file: file, line: line)
        assertSameVolume(streaming.volume, reference.volume, file: file, line: line)
        return Run(streaming: streaming, loader: loader, requests: try await proxy.requests(using: servers), events: seen)
    }

    private func assertNoFrameTwice(_ run: Run, file: StaticString = #filePath, line: UInt = #line) {
        let paths = run.frameRequests.map(\.path)
        XCTAssertEqual(Set(paths).count, paths.count, "a frame was fetched twice: \(paths)", file: file, line: line)
    }

    func testSeriesRetrieveBringsTheRestInOneRequestSliceBySlice() async throws {
        for modality in ["CT", "PET"] {
            let run = try await stream(modality, faults: ["--match", FaultProxy.seriesRetrievePattern])
            let n = run.streaming.volume.sliceCount
            let stats = run.loader.retrievalStatistics
            // The CT's 15 MiB of pixels is a large retrieve: the three anchors come one request each beside it. The
            // PET's 2 MiB is small: the retrieve brings the anchors too.
            let pixelBytes = n * run.streaming.volume.geometry.sliceVoxelCount * 2
            let anchors = modality == "CT" ? 3 : 0
            XCTAssertEqual(pixelBytes >= DICOMwebRetrieval.leadingRequestBytes, anchors > 0, modality)
            XCTAssertEqual(run.metadataRequests.count, 1, modality)
            XCTAssertEqual(run.frameRequests.count, anchors, "the anchors of a large series, one request each")
            XCTAssertEqual(run.seriesRequests.count, 1, "everything else in one series retrieve")
            XCTAssertEqual(run.requests.count, 2 + anchors)
            XCTAssertEqual(stats.singleFrames, anchors)
            XCTAssertGreaterThanOrEqual(stats.instancesFromSeries, n - anchors)
            XCTAssertEqual(stats.instancesFromSeries + stats.partsSkipped, n, "every part used or skipped")
            XCTAssertEqual(stats.instancesFromSeries + stats.singleFrames - stats.singleFramesUnused, n, "each slice written once")
            XCTAssertEqual(run.loader.client.statistics.retries, 0)
            // A retrieve of 1 MiB or more measures the host's throughput, which later plans weigh against the anchors.
            let host = try DICOMwebID(parsing: run.streaming.volume.slices[0].imageID).url
            let throughput = run.loader.client.measuredThroughput(of: host)
            XCTAssertEqual(throughput != nil, run.seriesRequests[0].bytes >= DICOMwebClient.measuredBodyBytes, modality)
            XCTAssertGreaterThan(throughput ?? 1, 0, modality)
            // Events: one per slice counting up, every stage finished in order.
            var loaded: [Int] = [], indices: [Int] = [], stages: [String] = []
            for event in run.events {
                if case .sliceLoaded(let index, let count, _, _) = event { loaded.append(count); indices.append(index) }
                if case .stageFinished(let name) = event { stages.append(name) }
            }
            XCTAssertEqual(loaded, Array(1...n))
            XCTAssertEqual(Set(indices), Set(0..<n))
            XCTAssertEqual(stages, RetrievalOrder.interleaved.stages(n).map(\.name))
            let sent = run.requests.reduce(0) { $0 + $1.bytes }
            let series = run.seriesRequests[0].bytes
            print("DICOMweb series retrieve, \(modality): \(n) slices in \(run.requests.count) requests, \(sent) bytes (series retrieve \(series))")
        }
    }

    func testDroppedSeriesBodyFetchesOnlyTheMissingInstances() async throws {
        let run = try await stream("CT", faults: ["--match", FaultProxy.seriesRetrievePattern, "--drop-every", "1", "--times", "1"])
        let n = run.streaming.volume.sliceCount
        let stats = run.loader.retrievalStatistics
        XCTAssertEqual(run.seriesRequests.count, 1, "a series retrieve that delivered parts is not asked again")
        XCTAssertEqual(stats.seriesInterrupted, 1)
        XCTAssertGreaterThan(stats.instancesFromSeries, 0)
        XCTAssertLessThan(stats.instancesFromSeries, n)
        XCTAssertGreaterThan(stats.singleFrames, 3, "the missing instances were fetched one by one")
        XCTAssertEqual(run.frameRequests.count, stats.singleFrames)
        XCTAssertEqual(stats.instancesFromSeries + stats.singleFrames - stats.singleFramesUnused, n,
                       "each slice fetched once, but for anchors the stream also brought")
        XCTAssertLessThanOrEqual(stats.singleFramesUnused, 3, "only anchors can be fetched both ways")
        assertNoFrameTwice(run)
        XCTAssertEqual(run.loader.client.statistics.connectionFailures, 1)
        XCTAssertEqual(run.loader.client.statistics.retries, 0)
    }

    func testRetryableStatusesOnTheSeriesRetrieveAreRetriedOnce() async throws {
        for (fault, status) in [("--503-every", 503), ("--429-every", 429)] {
            let run = try await stream("CT", faults: ["--match", FaultProxy.seriesRetrievePattern, fault, "1", "--times", "1"])
            let n = run.streaming.volume.sliceCount
            XCTAssertEqual(run.seriesRequests.map(\.status), [status, 200])
            XCTAssertEqual(run.frameRequests.count, 3)
            XCTAssertGreaterThanOrEqual(run.loader.retrievalStatistics.instancesFromSeries, n - 3)
            let client = run.loader.client.statistics
            XCTAssertEqual(client.retries, 1)
            XCTAssertEqual(client.statuses[status], 1)
            if status == 503 { XCTAssertGreaterThanOrEqual(client.backoff, .seconds(1), "Retry-After: 1 was honoured") }
        }
    }

    func testServerWithoutSeriesRetrieveIsAskedFrameByFrame() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        for status in [404, 406, 501] {
            let proxy = try FaultProxy(upstream: servers.openURL, arguments: [
                "--match", FaultProxy.seriesRetrievePattern, "--fail-status", String(status)])
            defer { proxy.stop() }
            let loader = DICOMwebLoader()
            let run = try await stream("PET", through: proxy, loader: loader, servers: servers)
            let n = run.streaming.volume.sliceCount
            XCTAssertEqual(run.seriesRequests.map(\.status), [status], "refusals are not retried")
            XCTAssertEqual(run.frameRequests.count, n)
            assertNoFrameTwice(run)
            XCTAssertEqual(loader.retrievalStatistics.seriesFallbacks, 1)
            // The refusal is remembered: the next volume from that server goes frame by frame at once.
            let again = try await stream("PET", through: proxy, loader: loader, servers: servers)
            XCTAssertEqual(again.seriesRequests.count, 1, "HTTP \(status): no second series retrieve")
            XCTAssertEqual(again.frameRequests.count, 2 * n)
        }
    }

    func testPartsAreBoundedAndReadAcrossThePiecesTheyArrivedIn() throws {
        var part = BoundedPart(limit: 10)
        func append(_ bytes: [UInt8]) { part.append(ByteBuffer(bytes: bytes)) }
        part.begin()
        append([1, 2, 3, 4, 5, 6])
        append([])
        append([7, 8, 9, 10])
        let first = try XCTUnwrap(part.end())
        XCTAssertEqual(first.count, 10)
        XCTAssertEqual(first.bytes(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        for (offset, length) in [(0, 10), (5, 3), (6, 4), (9, 1), (0, 0), (10, 0)] {
            var read = [UInt8](repeating: 0, count: length)
            try read.withUnsafeMutableBytes { try first.read(into: $0, at: offset) }
            XCTAssertEqual(read, Array([UInt8](1...10)[offset..<(offset + length)]), "\(length) bytes at \(offset)")
        }
        var beyond = [UInt8](repeating: 0, count: 3)
        XCTAssertThrowsError(try beyond.withUnsafeMutableBytes { try first.read(into: $0, at: 8) })
        XCTAssertThrowsError(try beyond.withUnsafeMutableBytes { try first.read(into: $0, at: -1) })
        part.begin()
        append([1, 2, 3, 4, 5, 6])
        append([7, 8, 9, 10, 11])
        append([12])
        XCTAssertNil(part.end(), "12 bytes against a limit of 10")
        part.begin()
        append([1])
        XCTAssertEqual(part.end()?.bytes(), [1], "the next part starts afresh")
        XCTAssertEqual(DICOMwebRetrieval.partLimit(pixelBytes: Int.max), 1 << 32)
        XCTAssertEqual(DICOMwebRetrieval.partLimit(pixelBytes: 512 * 512 * 2), 2 * 512 * 512 * 2 + (4 << 20))
    }

    func testCompletePartsWaitingForTheWriterAreBoundedAndTheReceiverStopsWhenItCloses() async {
        let queue = PartQueue()
        func part(_ index: Int, bytes: Int) -> PartQueue.Part {
            var received = ReceivedPart()
            received.append(ByteBuffer(repeating: 1, count: bytes))
            return (index, [:], received)
        }
        let half = PartQueue.limit / 2
        let pushed = LockedValue([Int]())
        let receiver = Task {
            for k in 0..<4 {
                guard await queue.push(part(k, bytes: half)) else { return }
                pushed.withLock { $0.append(k) }
            }
        }
        // Two halves fill the bound; the third waits until the writer is done with a part.
        let first = await queue.next()
        while pushed.withLock({ $0.count }) < 2 { await Task.yield() }
        try? await Task.sleep(for: .milliseconds(50))
        XCTAssertEqual(pushed.withLock { $0 }, [0, 1], "a third part waits while the bound is full")
        queue.consumed(first!)
        let second = await queue.next()
        XCTAssertEqual(second?.index, 1)
        while pushed.withLock({ $0.count }) < 3 { await Task.yield() }
        // The writer stops: the waiting receiver is let go and queues nothing more.
        queue.close()
        await receiver.value
        XCTAssertEqual(pushed.withLock { $0 }, [0, 1, 2])
        let alone = PartQueue()
        let big = await alone.push(part(0, bytes: 3 * PartQueue.limit))
        XCTAssertTrue(big, "one part larger than the bound passes alone")
    }

    func testEveryPartGoesToOneOfSeveralWritersAndTheyEndWhenTheReceiverFinishes() async {
        let queue = PartQueue()
        // Writers waiting before the first part, and more parts than writers.
        let writers = (0..<3).map { _ in
            Task { () -> [Int] in
                var taken: [Int] = []
                while let part = await queue.next() {
                    taken.append(part.index)
                    queue.consumed(part)
                    await Task.yield()
                }
                return taken
            }
        }
        try? await Task.sleep(for: .milliseconds(20))
        for k in 0..<50 {
            var received = ReceivedPart()
            received.append(ByteBuffer(repeating: UInt8(k), count: 1000))
            let pushed = await queue.push((k, [:], received))
            XCTAssertTrue(pushed)
        }
        queue.finish()
        var all: [Int] = []
        for writer in writers {
            let taken = await writer.value
            XCTAssertEqual(taken, taken.sorted(), "each writer takes parts in arrival order")
            all += taken
        }
        XCTAssertEqual(all.sorted(), Array(0..<50), "each part to exactly one writer")
        let done = await queue.next()
        XCTAssertNil(done, "a finished, empty queue ends at once")
    }
}
