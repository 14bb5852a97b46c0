import Raster
import Render
import Volume
import XCTest

/// Ray-cast MIPs of a partial snapshot: slices outside it are never sampled, stand-ins are, and empty-space
/// skipping (whose brick maxima follow the same slices) changes nothing.
final class SnapshotMIPTests: XCTestCase {
    let engine = TestEngine.shared
    /// Three brick layers along k; the middle one (slices 15–33) holds no loaded slice.
    let g = SyntheticVolume.geometry(dimensions: SIMD3(40, 36, 48), spacing: Vector3(1, 1, 1))
    let loaded: Set<Int> = [2, 3, 9, 45, 46]
    let window = VOIWindow(centre: 600, width: 1400)

    /// A pattern, a bright blob in slice 30 (not loaded) and a dimmer one in slice 9 (loaded).
    static func stored(_ i: Int, _ j: Int, _ k: Int) -> Double {
        let spot = (i - 20) * (i - 20) + (j - 18) * (j - 18) < 30
        if spot && k == 30 { return 2000 }
        if spot && k == 9 { return 1500 }
        return 300 + SyntheticVolume.pattern(i, j, k)
    }

    /// The loaded slice that stands for slice k under `.nearestLoaded` (nearest, ties to the lower).
    func source(_ k: Int) -> Int { loaded.min { (abs($0 - k), $0) < (abs($1 - k), $1) }! }

    func render(_ view: MIPView, of volume: ImageVolume, _ unloaded: UnloadedSlices) async throws -> Frame {
        var layout = Layout.single(.mip(view, volume, colormap: .grey), orientationLetters: false)
        layout.unloadedSlices = unloaded
        return try await engine.render(layout, snapshots: [volume.snapshot().restricted(to: loaded)]).frame
    }

    /// From the front (rays along j, screen row r = slice 47 − r): each row is the maximum along j of its
    /// slice, of its stand-in, or black, with skipping on and off.
    func testFrontMIPIsTheMaximumOfTheSnapshotsSlices() async throws {
        let volume = try SyntheticVolume.make(g, type: .int16, stored: Self.stored)
        let d = g.dimensions
        for unloaded in [UnloadedSlices.background, .nearestLoaded] {
            for sampling in [Sampling.nearest, .linear] {
                for skipping in [true, false] {
                    let view = MIPView(plane: .coronal(centre: g.centre), width: d.x, height: d.z, pixelSpacing: 1, window: window,
                                       sampling: sampling, emptySpaceSkipping: skipping)
                    let frame = try await render(view, of: volume, unloaded)
                    assertFrame(frame, width: d.x, height: d.z, equals: { c, r in
                        let k = d.z - 1 - r
                        let slice = unloaded == .background ? (self.loaded.contains(k) ? k : nil) : self.source(k)
                        return slice.map { s in self.window.apply((0..<d.y).map { Self.stored(c, $0, s) }.max()!) } ?? 0
                    }, "front MIP, \(unloaded), \(sampling), skipping \(skipping)")
                }
            }
        }
    }

    /// Along the slices (rays along k): the maximum over the loaded slices only; the unloaded bright blob never shows.
    func testAxialMIPLeavesUnloadedSlicesOut() async throws {
        let volume = try SyntheticVolume.make(g, type: .int16, stored: Self.stored)
        let d = g.dimensions
        for sampling in [Sampling.nearest, .linear] {
            let view = MIPView(plane: .axial(centre: g.centre), width: d.x, height: d.y, pixelSpacing: 1, window: window, sampling: sampling)
            let frame = try await render(view, of: volume, .background)
            assertFrame(frame, width: d.x, height: d.y, equals: { c, r in
                self.window.apply(self.loaded.map { Self.stored(c, r, $0) }.max()!)
            }, "axial MIP, \(sampling)")
        }
    }

    /// Oblique MIPs of the partial snapshot are the same with and without skipping, in both modes.
    func testSkippingDoesNotChangeAnObliqueMIPOfAPartialSnapshot() async throws {
        let volume = try SyntheticVolume.make(g, type: .int16, stored: Self.stored)
        for unloaded in [UnloadedSlices.background, .nearestLoaded] {
            for (angle, axis) in [(0.5, Vector3(0, 0, 1)), (0.9, Vector3(0.3, 0.2, 1)), (1.2, Vector3(1, 0, 0.2))] {
                for sampling in [Sampling.nearest, .linear] {
                    var view = MIPView.rotating(g, angle: angle, axis: axis, width: 80, height: 72, window: window, sampling: sampling)
                    let skipped = try await render(view, of: volume, unloaded)
                    view.emptySpaceSkipping = false
                    let full = try await render(view, of: volume, unloaded)
                    XCTAssertEqual(skipped, full, "\(unloaded), angle \(angle) about \(axis), \(sampling)")
                    XCTAssertGreaterThan(Set(full.samples8).count, 3, "the frame shows something")
                }
            }
        }
    }
}
