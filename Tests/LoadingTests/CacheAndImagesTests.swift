import XCTest
@testable import Loading
import Volume

final class CacheAndImagesTests: XCTestCase {
    func loadedVolume(_ loader: SyntheticLoader, id: String = "synthetic:v") async throws -> ImageVolume {
        let streaming = StreamingImageVolume(volume: try loader.makeVolume(id: id), loader: loader)
        let state = await streaming.load()
        XCTAssertEqual(state, .complete)
        return streaming.volume
    }

    func testVolumeToImagesToVolumeIsBitExact() async throws {
        let volume = try await loadedVolume(SyntheticLoader())
        let images = (0..<volume.sliceCount).compactMap(volume.image(at:)).shuffled()
        let rebuilt = try ImageVolume(id: "rebuilt", images: images)
        XCTAssertEqual(rebuilt.geometry, volume.geometry)
        XCTAssertEqual(rebuilt.voxelType, volume.voxelType)
        XCTAssertEqual(rebuilt.rescale, volume.rescale)
        for k in 0..<volume.sliceCount {
            XCTAssertEqual(Array(UnsafeRawBufferPointer(rebuilt.sliceBytes(k))), Array(UnsafeRawBufferPointer(volume.sliceBytes(k))), "slice \(k)")
        }
        XCTAssertEqual(volume.image(id: "synthetic:7")?.bytes, volume.image(at: 7)?.bytes)
    }

    func testShiftedImageBecomesAVolumeAtItsTruePosition() async throws {
        let volume = try await loadedVolume(SyntheticLoader())
        var images = (0..<volume.sliceCount).compactMap(volume.image(at:))
        images[11].metadata.plane.position.z += 0.4
        let rebuilt = try ImageVolume(id: "x", images: images)
        let stack = try XCTUnwrap(rebuilt.geometry.sliceStack, "a slice 0.4 mm off its grid place keeps its true position")
        XCTAssertEqual(stack.positions[11], images[11].metadata.plane.position)
        var mixed = (0..<volume.sliceCount).compactMap(volume.image(at:))
        mixed[4].rescale = Rescale(slope: 2, intercept: 0)
        XCTAssertThrowsError(try ImageVolume(id: "y", images: mixed)) { error in
            XCTAssertTrue(String(describing: error).contains("rescale"), "\(error)")
        }
    }

    func testSizeExceededStatesTheNumbers() throws {
        let cache = ImageVolumeCache(budgetBytes: 1000)
        try cache.reserveVolume(id: "a", bytes: 600)
        XCTAssertThrowsError(try cache.reserveVolume(id: "b", bytes: 600)) { error in
            XCTAssertEqual(error as? CacheError, .sizeExceeded(item: "volume b", requestedBytes: 600, budgetBytes: 1000, pinnedBytes: 600))
            XCTAssertTrue(String(describing: error).contains("Release or decache a volume"))
        }
    }

    func testImagesAreEvictedLeastRecentlyUsedFirst() async throws {
        let volume = try await loadedVolume(SyntheticLoader())
        let sliceBytes = volume.image(at: 0)!.byteCount
        let cache = ImageVolumeCache(budgetBytes: sliceBytes * 3)
        for k in 0..<3 { try cache.putImage(volume.image(at: k)!) }
        _ = cache.image(id: "synthetic:0")
        try cache.putImage(volume.image(at: 3)!)
        XCTAssertNotNil(cache.image(id: "synthetic:0"))
        XCTAssertNil(cache.image(id: "synthetic:1"), "the least recently used image should have gone")
        XCTAssertEqual(cache.usedBytes, sliceBytes * 3)
    }

    func testBudgetHoldsUnderConcurrentStreaming() async throws {
        let sliceBytes = 5 * 4 * 2, volumeBytes = sliceBytes * 24
        let cache = ImageVolumeCache(budgetBytes: volumeBytes * 3 + sliceBytes * 10)
        let loader = SyntheticLoader()
        loader.maxDelayMicroseconds = 1000
        let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: cache)
        let ids = (0..<24).map { "synthetic:\($0)" }
        let outcomes = await withTaskGroup(of: Bool.self) { group in
            for n in 0..<6 {
                group.addTask {
                    do {
                        let streaming = try await manager.createAndCacheVolume(id: "v\(n)", imageIDs: ids.shuffled(), concurrency: 3)
                        let state = await streaming.load()
                        manager.release(volumeID: "v\(n)", decache: true)
                        return state == .complete
                    } catch {
                        XCTAssertTrue(error is CacheError, "\(error)")
                        return false
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        XCTAssertGreaterThanOrEqual(outcomes.filter { $0 }.count, 3)
        XCTAssertLessThanOrEqual(cache.peakBytes, cache.budgetBytes)
        XCTAssertLessThanOrEqual(cache.usedBytes, cache.budgetBytes)
        XCTAssertEqual(cache.volumeIDs, [])
    }

    func testDecachedSlicesAreServedWithoutTheLoader() async throws {
        let loader = SyntheticLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        let ids = (0..<24).map { "synthetic:\($0)" }
        let streaming = try await manager.createAndCacheVolume(id: "ct", imageIDs: ids)
        await streaming.load()
        let expected = streaming.volume.image(at: 5)!.bytes
        XCTAssertEqual(manager.release(volumeID: "ct", decache: true), 24)
        let callsBefore = loader.pixelCalls.count
        let image = try await manager.loadImage(id: "synthetic:5")
        XCTAssertEqual(image.bytes, expected)
        XCTAssertEqual(loader.pixelCalls.count, callsBefore, "a decached slice was fetched again")
        _ = try await manager.loadImage(id: "synthetic:5")
        XCTAssertEqual(manager.cache.volumeIDs, [])
    }

    func testImageNotInCacheIsFetchedAndCached() async throws {
        let loader = SyntheticLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        let image = try await manager.loadImage(id: "synthetic:3")
        XCTAssertEqual(image.bytes.count, 5 * 4 * 2)
        XCTAssertEqual(loader.pixelCalls, [3])
        _ = try await manager.loadImage(id: "synthetic:3")
        XCTAssertEqual(loader.pixelCalls, [3])
    }
}
