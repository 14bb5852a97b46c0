import XCTest
import Volume

/// Load snapshots: only slices published as loaded count, a slice being written never does, and a
/// snapshot stays as it was taken while the volume goes on loading.
final class LoadSnapshotTests: XCTestCase {
    func makeVolume(slices count: Int = 6) throws -> ImageVolume {
        let geometry = VolumeGeometry(
            dimensions: SIMD3(4, 3, count), spacing: Vector3(1, 1, 2), origin: Vector3(0, 0, 0),
            iDirection: Vector3(1, 0, 0), jDirection: Vector3(0, 1, 0), kDirection: Vector3(0, 0, 1))
        let slices = (0..<count).map { k in
            SliceMetadata(
                imageID: "snapshot/\(k)", sopInstanceUID: "1.2.5.\(k)", seriesInstanceUID: "1.2.5", frameOfReferenceUID: "1.2",
                modality: "CT", instanceNumber: k + 1,
                plane: ImagePlane(
                    position: Vector3(0, 0, 2 * Double(k)), rowDirection: Vector3(1, 0, 0), columnDirection: Vector3(0, 1, 0),
                    rowSpacing: 1, columnSpacing: 1, rows: 3, columns: 4),
                rescale: .identity)
        }
        return try ImageVolume(id: "snapshot", geometry: geometry, slices: slices, voxelType: .int16, modality: "CT")
    }

    func testOnlyLoadedSlicesAreInASnapshotAndItDoesNotChangeAfterwards() throws {
        let volume = try makeVolume()
        XCTAssertEqual(volume.snapshot().loadedCount, 0)
        volume.insert(slice: 1) { $0.initializeMemory(as: UInt8.self, repeating: 1) }
        volume.insert(slice: 4, state: .placeholder) { $0.initializeMemory(as: UInt8.self, repeating: 1) }
        volume.insert(slice: 5) { $0.initializeMemory(as: UInt8.self, repeating: 1) }
        volume.markFailed(slice: 0)
        let snapshot = volume.snapshot()
        XCTAssertEqual(snapshot.loadedSlices, [1, 5], "placeholders and failed slices are not loaded")
        XCTAssertEqual(snapshot.sliceCount, 6)
        XCTAssertFalse(snapshot.isComplete)
        XCTAssertTrue(snapshot.isSnapshot(of: volume))
        XCTAssertFalse(snapshot.isSnapshot(of: try makeVolume()), "another volume with the same id")
        volume.insert(slice: 2) { $0.initializeMemory(as: UInt8.self, repeating: 1) }
        XCTAssertEqual(snapshot.loadedSlices, [1, 5], "a snapshot is immutable")
        XCTAssertEqual(volume.snapshot().loadedSlices, [1, 2, 5])
    }

    func testASliceBeingWrittenIsNeverInASnapshotEvenWhenItWasLoaded() throws {
        let volume = try makeVolume()
        volume.insert(slice: 3) { $0.initializeMemory(as: UInt8.self, repeating: 1) }
        let before = volume.snapshot()
        var duringWrite: LoadSnapshot?
        volume.insert(slice: 3) { bytes in
            bytes.initializeMemory(as: UInt8.self, repeating: 2)
            duringWrite = volume.snapshot()
        }
        XCTAssertEqual(duringWrite?.contains(3), false, "a rewrite takes the slice out of snapshots until it is complete")
        let after = volume.snapshot()
        XCTAssertTrue(after.contains(3))
        XCTAssertNotEqual(after.generation(ofSlice: 3), before.generation(ofSlice: 3), "the rewritten slice has a new generation")
    }

    func testAFailedWriteLeavesTheSliceUnloaded() throws {
        struct Broken: Error {}
        let volume = try makeVolume()
        volume.insert(slice: 2) { $0.initializeMemory(as: UInt8.self, repeating: 1) }
        XCTAssertThrowsError(try volume.insert(slice: 2) { (_: UnsafeMutableRawBufferPointer) throws(Broken) in throw Broken() })
        XCTAssertFalse(volume.snapshot().contains(2), "its bytes may be partly written")
        XCTAssertEqual(volume.sliceStates[2], .empty)
    }

    func testRestrictingKeepsTheGivenLoadedSlicesOnly() throws {
        let volume = try makeVolume()
        for k in [0, 2, 3, 5] { volume.insert(slice: k) { $0.initializeMemory(as: UInt8.self, repeating: 1) } }
        let snapshot = volume.snapshot()
        let restricted = snapshot.restricted(to: [5, 1, 2, 99, -1])
        XCTAssertEqual(restricted.loadedSlices, [2, 5], "unloaded and out-of-range indices are ignored")
        XCTAssertEqual(restricted.generation(ofSlice: 5), snapshot.generation(ofSlice: 5))
        XCTAssertNil(restricted.generation(ofSlice: 0))
        XCTAssertTrue(restricted.isSnapshot(of: volume))
        XCTAssertEqual(restricted.generation, snapshot.generation)
    }
}
