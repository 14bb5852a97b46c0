import Render
import Volume
import XCTest

/// Texture uploads follow the frame's load snapshot: the slices loaded in it that the texture lacks, one
/// slice's bytes per inserted slice, one call per run of consecutive slices, never a full re-upload, and
/// never a slice outside the snapshot.
final class StreamingUploadTests: XCTestCase {
    let g = SyntheticVolume.geometry(dimensions: SIMD3(33, 21, 12), spacing: Vector3(1, 1, 2))
    var sliceBytes: Int { 33 * 21 * 2 }

    func testInsertingOneSliceUploadsExactlyThatSlice() async throws {
        let engine = TestEngine.shared
        let volume = try SyntheticVolume.empty(g, type: .int16)
        let view = MPRView(plane: .axial(centre: g.world(16, 10, 7)), width: 33, height: 21, pixelSpacing: 1, window: .bone, sampling: .nearest)
        let first = try await engine.render(view, of: volume)
        XCTAssertEqual(Set(first.samples8), [0, 255], "an unloaded slice has no data: black, alpha 255")
        let allocated = try await statistics(engine, volume)
        XCTAssertEqual(allocated.bytesUploaded, 0, "no slice is loaded, none is uploaded")
        XCTAssertEqual(allocated.uploadCalls, 0)

        SyntheticVolume.fill(volume, slice: 7) { _, _, _ in 1400 }
        let second = try await engine.render(view, of: volume)
        let after = try await statistics(engine, volume)
        XCTAssertEqual(after.bytesUploaded - allocated.bytesUploaded, sliceBytes)
        XCTAssertEqual(after.uploadCalls - allocated.uploadCalls, 1)
        XCTAssertEqual(second.grey(5, 5), VOIWindow.bone.apply(1400), "the new slice shows")

        _ = try await engine.render(view, of: volume)
        let unchanged = try await statistics(engine, volume)
        XCTAssertEqual(unchanged, after, "nothing changed, nothing uploaded")
    }

    func testConsecutiveSlicesShareOneUploadCall() async throws {
        let engine = TestEngine.shared
        let volume = try SyntheticVolume.empty(g, type: .int16)
        try await engine.updateTexture(for: volume)
        let before = try await statistics(engine, volume)
        for k in [3, 4, 5] { SyntheticVolume.fill(volume, slice: k, stored: SyntheticVolume.pattern) }
        SyntheticVolume.fill(volume, slice: 9, stored: SyntheticVolume.pattern)
        try await engine.updateTexture(for: volume)
        let after = try await statistics(engine, volume)
        XCTAssertEqual(after.uploadCalls - before.uploadCalls, 2, "slices 3–5 in one call, slice 9 in another")
        XCTAssertEqual(after.bytesUploaded - before.bytesUploaded, 4 * sliceBytes)
    }

    /// After a MIP has built the brick texture, a changed slice re-uploads only the brick layers that include it.
    func testBricksFollowChangedSlicesOnly() async throws {
        let engine = TestEngine.shared
        let volume = try SyntheticVolume.make(g, type: .int16) { _, _, _ in 0 }
        let mip = MIPView.rotating(g, angle: 0.3, width: 40, height: 40, window: .bone)
        let before = try await engine.render(mip, of: volume)
        let built = try await statistics(engine, volume)
        let layer = 3 * 2 * 4  // 16-voxel bricks along i (33) × j (21), 4 bytes each
        XCTAssertEqual(built.brickBytesUploaded, layer, "one brick layer holds all 12 slices")
        SyntheticVolume.fill(volume, slice: 4) { _, _, _ in 1600 }
        let after = try await engine.render(mip, of: volume)
        let stats = try await statistics(engine, volume)
        XCTAssertEqual(stats.brickBytesUploaded - built.brickBytesUploaded, layer, "only the layer holding slice 4")
        XCTAssertNotEqual(before, after, "the bright slice is not skipped")
    }

    /// A frame drawn from a restricted snapshot uploads only its slices, though more are loaded; a later
    /// frame with more slices uploads only those it adds.
    func testOnlyTheSnapshotsSlicesAreUploaded() async throws {
        let engine = TestEngine.shared
        let volume = try SyntheticVolume.make(g, type: .int16, stored: SyntheticVolume.pattern)
        let view = MPRView(plane: .coronal(centre: g.centre), fitting: g, width: 33, height: 24, window: .bone, sampling: .nearest)
        let layout = Layout.single(.mpr(view, volume), orientationLetters: false)
        let first = try await engine.render(layout, snapshots: [volume.snapshot().restricted(to: [2, 3, 8])])
        let afterFirst = try await statistics(engine, volume)
        XCTAssertEqual(afterFirst.bytesUploaded, 3 * sliceBytes)
        XCTAssertEqual(afterFirst.uploadCalls, 2, "slices 2–3 in one call, slice 8 in another")
        XCTAssertEqual(first.snapshots.map(\.loadedSlices), [[2, 3, 8]])
        _ = try await engine.render(layout, snapshots: [volume.snapshot().restricted(to: [2, 3, 4, 8])])
        let afterSecond = try await statistics(engine, volume)
        XCTAssertEqual(afterSecond.bytesUploaded - afterFirst.bytesUploaded, sliceBytes, "only slice 4 is new")
        _ = try await engine.render(layout, snapshots: [volume.snapshot().restricted(to: [3])])
        let afterThird = try await statistics(engine, volume)
        XCTAssertEqual(afterThird, afterSecond, "fewer slices than the texture holds: nothing to upload")
    }

    /// Rewriting a loaded slice uploads it again, at its new generation.
    func testARewrittenSliceIsUploadedAgain() async throws {
        let engine = TestEngine.shared
        let volume = try SyntheticVolume.make(g, type: .int16) { _, _, _ in 100 }
        let view = MPRView(plane: .axial(centre: g.world(16, 10, 5)), width: 33, height: 21, pixelSpacing: 1, window: .bone, sampling: .nearest)
        let before = try await engine.render(view, of: volume)
        let uploaded = try await statistics(engine, volume)
        SyntheticVolume.fill(volume, slice: 5) { _, _, _ in 1400 }
        let after = try await engine.render(view, of: volume)
        let reuploaded = try await statistics(engine, volume)
        XCTAssertEqual(reuploaded.bytesUploaded - uploaded.bytesUploaded, sliceBytes)
        XCTAssertEqual(before.grey(5, 5), VOIWindow.bone.apply(100))
        XCTAssertEqual(after.grey(5, 5), VOIWindow.bone.apply(1400))
    }

    func testReleaseFreesTheTexture() async throws {
        let engine = TestEngine.shared
        let volume = try SyntheticVolume.empty(g, type: .uint16)
        try await engine.updateTexture(for: volume)
        let stats = await engine.textureStatistics(for: volume)
        XCTAssertNotNil(stats)
        await engine.release(volume)
        let released = await engine.textureStatistics(for: volume)
        XCTAssertNil(released)
    }

    private func statistics(_ engine: RenderEngine, _ volume: ImageVolume) async throws -> TextureStatistics {
        let stats = await engine.textureStatistics(for: volume)
        return try XCTUnwrap(stats)
    }
}
