import XCTest
@testable import Loading
import Volume

final class StreamingImageVolumeTests: XCTestCase {
    func bufferBytes(_ volume: ImageVolume) -> [UInt8] {
        Array(UnsafeRawBufferPointer(volume.buffer.bytes(fromVoxel: 0, count: volume.buffer.count)))
    }

    func testRandomConcurrencyGivesTheSequentialBuffer() async throws {
        let reference = SyntheticLoader()
        let sequential = StreamingImageVolume(volume: try reference.makeVolume(), loader: reference, order: .sequential, concurrency: 1)
        let state = await sequential.load()
        XCTAssertEqual(state, .complete)
        let expected = bufferBytes(sequential.volume)
        XCTAssertEqual(sequential.volume.value(2, 3, 7), Double(SyntheticLoader.value(2, 3, 7)) - 1024)

        for concurrency in [2, 5, 16] {
            let loader = SyntheticLoader()
            loader.maxDelayMicroseconds = 2000
            let streaming = StreamingImageVolume(volume: try loader.makeVolume(), loader: loader, concurrency: concurrency)
            let state = await streaming.load()
        XCTAssertEqual(state, .complete)
            XCTAssertEqual(bufferBytes(streaming.volume), expected, "concurrency \(concurrency)")
            XCTAssertLessThanOrEqual(loader.maxInFlight, concurrency)
            XCTAssertGreaterThan(loader.maxInFlight, 1, "concurrency \(concurrency) never overlapped loads")
        }
    }

    func testEverySliceReportedOnceThenFinalState() async throws {
        let loader = SyntheticLoader()
        loader.maxDelayMicroseconds = 500
        let streaming = StreamingImageVolume(volume: try loader.makeVolume(), loader: loader, concurrency: 4)
        let events = streaming.events()
        streaming.start()
        var loaded: [Int] = []
        var counts: [Int] = []
        var last: VolumeEvent?
        for await event in events {
            if case .sliceLoaded(let index, let count, let total, let bytes) = event {
                loaded.append(index)
                counts.append(count)
                XCTAssertEqual(total, 24)
                XCTAssertEqual(bytes, 5 * 4 * 2)
            }
            last = event
        }
        XCTAssertEqual(loaded.sorted(), Array(0..<24))
        XCTAssertEqual(counts, Array(1...24))
        XCTAssertEqual(last, .finished(.complete))
        XCTAssertEqual(streaming.volume.loadedCount, 24)
    }

    func testInterleavedOrderFetchesAnchorsFirst() async throws {
        let loader = SyntheticLoader(count: 17)
        let streaming = StreamingImageVolume(volume: try loader.makeVolume(), loader: loader, concurrency: 1)
        await streaming.load()
        XCTAssertEqual(Array(loader.pixelCalls.prefix(3)), [8, 0, 16])
        XCTAssertEqual(Array(loader.pixelCalls[3..<6]), [4, 12, 2])
        XCTAssertEqual(loader.pixelCalls.sorted(), Array(0..<17))
    }

    func testInterleavedStagesCoverEverySliceOnce() {
        for count in [1, 2, 3, 4, 5, 8, 17, 300] {
            let order = RetrievalOrder.interleaved.order(count: count)
            XCTAssertEqual(order.sorted(), Array(0..<count), "count \(count)")
        }
        XCTAssertEqual(RetrievalOrder.interleaved.stages(10).map(\.name), ["anchors", "every 4th", "every 4th, offset 2", "rest"])
    }

    func testFailedSliceDoesNotStopTheRest() async throws {
        let loader = SyntheticLoader()
        loader.failing = [5]
        let streaming = StreamingImageVolume(volume: try loader.makeVolume(), loader: loader, concurrency: 3)
        let events = streaming.events()
        let state = await streaming.load()
        XCTAssertEqual(state, .incomplete(failedSlices: [5]))
        var failures: [VolumeEvent] = []
        for await event in events { if case .sliceFailed = event { failures.append(event) } }
        XCTAssertEqual(failures.count, 1)
        guard case .sliceFailed(5, "synthetic:5", let message) = failures.first else { return XCTFail("\(failures)") }
        XCTAssertTrue(message.contains("corrupt pixel data"), message)
        XCTAssertEqual(streaming.volume.loadedCount, 23)
        XCTAssertEqual(streaming.volume.sliceStates[5], .failed)
    }

    func testAFailureReachingTheVolumeIsFinal() async throws {
        // Retries belong to the loader's client (per request, with Retry-After); the volume asks once per slice.
        let loader = SyntheticLoader()
        loader.failing = [3, 9]
        let streaming = StreamingImageVolume(volume: try loader.makeVolume(), loader: loader, concurrency: 2)
        let state = await streaming.load()
        XCTAssertEqual(state, .incomplete(failedSlices: [3, 9]))
        XCTAssertEqual(loader.pixelCalls.sorted(), Array(0..<24), "every slice asked for exactly once")
    }

    func testCancellationStopsPromptlyAndLeavesAConsistentVolume() async throws {
        let loader = SyntheticLoader(count: 200)
        loader.maxDelayMicroseconds = 20_000
        let streaming = StreamingImageVolume(volume: try loader.makeVolume(), loader: loader, concurrency: 2)
        let events = streaming.events()
        let task = streaming.start()
        var seen = 0
        for await event in events {
            if case .sliceLoaded = event {
                seen += 1
                if seen == 5 { streaming.cancel() }
            }
            if case .finished(let state) = event { XCTAssertEqual(state, .cancelled) }
        }
        let finalState = await task.value
        XCTAssertEqual(finalState, .cancelled)
        XCTAssertEqual(loader.inFlight, 0, "a load task outlived cancellation")
        let calls = loader.pixelCalls.count
        XCTAssertLessThan(calls, 200)
        // Every slice marked loaded holds exactly its own pixels.
        let volume = streaming.volume
        for (k, state) in volume.sliceStates.enumerated() where state == .loaded {
            XCTAssertEqual(volume.value(4, 3, k), Double(SyntheticLoader.value(4, 3, k)) - 1024)
        }
        try await Task.sleep(for: .milliseconds(50))
        XCTAssertEqual(loader.pixelCalls.count, calls, "loads continued after cancellation")
    }

    func testPlaceholdersFillFromNearestLoadedSliceAndAreReplaced() async throws {
        let loader = SyntheticLoader(count: 9)
        let volume = try loader.makeVolume()
        let onlyAnchors = RetrievalOrder(name: "anchors") { _ in [RetrievalStage(name: "anchors", indices: [4])] }
        let partial = StreamingImageVolume(volume: volume, loader: loader, order: onlyAnchors, fillPlaceholders: true)
        await partial.load()
        XCTAssertEqual(volume.sliceStates[4], .loaded)
        XCTAssertEqual(volume.sliceStates[0], .placeholder)
        XCTAssertEqual(volume.value(1, 1, 0), volume.value(1, 1, 4))
        let full = StreamingImageVolume(volume: volume, loader: loader, order: .sequential)
        await full.load()
        XCTAssertEqual(volume.sliceStates, Array(repeating: .loaded, count: 9))
        XCTAssertEqual(volume.value(1, 1, 0), Double(SyntheticLoader.value(1, 1, 0)) - 1024)
    }

    func testChangedSlicesCoalesceConsecutiveInserts() throws {
        let loader = SyntheticLoader(count: 10)
        let volume = try loader.makeVolume()
        let start = volume.generation
        for k in [3, 4, 5, 8] { volume.insert(slice: k) { $0.initializeMemory(as: UInt8.self, repeating: 1) } }
        XCTAssertEqual(volume.changedSlices(since: start), [3..<6, 8..<9])
        let mid = volume.generation
        volume.insert(slice: 9) { _ in }
        XCTAssertEqual(volume.changedSlices(since: mid), [9..<10])
    }

    func testRegistryNamesUnknownSchemes() {
        let registry = LoaderRegistry([SyntheticLoader()])
        XCTAssertThrowsError(try registry.loader(for: "dicomweb:http://x")) { error in
            XCTAssertEqual(String(describing: error), "dicomweb:http://x: no loader for scheme 'dicomweb:' (registered: synthetic:)")
        }
        XCTAssertThrowsError(try registry.loader(for: "noscheme")) { error in
            XCTAssertTrue(String(describing: error).contains("needs a scheme prefix"))
        }
        XCTAssertNoThrow(try registry.loader(for: "synthetic:3"))
    }
}
