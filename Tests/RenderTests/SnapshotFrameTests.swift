import Raster
import Render
import Volume
import XCTest

/// A frame drawn from a load snapshot shows exactly its slices, in every viewport, whatever the volume
/// holds beyond it; slices outside it are background (or, asked, their nearest loaded slice).
final class SnapshotFrameTests: XCTestCase {
    let engine = TestEngine.shared
    /// 30 slices 2 mm apart; slice k holds 100 + 20 k everywhere, so each slice has its own grey level.
    let g = SyntheticVolume.geometry(dimensions: SIMD3(24, 20, 30), spacing: Vector3(1, 1, 2))
    let window = VOIWindow(centre: 500, width: 1000)
    let loaded: Set<Int> = [0, 3, 4, 5, 11, 17, 29]

    static func value(_ k: Int) -> Double { 100 + 20 * Double(k) }

    func makeVolume() throws -> ImageVolume {
        try SyntheticVolume.make(g, type: .int16) { _, _, k in Self.value(k) }
    }

    /// A coronal view whose rows fall on the slices (row r: slice 29 − r).
    func coronalRows(sampling: Sampling) -> MPRView {
        MPRView(plane: .coronal(centre: g.centre), width: 12, height: 30, pixelSpacing: 2, window: window, sampling: sampling)
    }

    /// Every row of a slice in the snapshot shows that slice; every other row is black; the live volume
    /// (every slice loaded) shows all of them.
    func testACoronalFrameShowsExactlyTheSnapshotsSlices() async throws {
        let volume = try makeVolume()
        let snapshot = volume.snapshot().restricted(to: loaded)
        for sampling in [Sampling.nearest, .linear] {
            let view = coronalRows(sampling: sampling)
            let layout = Layout.single(.mpr(view, volume), orientationLetters: false)
            let frame = try await engine.render(layout, snapshots: [snapshot]).frame
            assertFrame(frame, width: 12, height: 30, equals: { _, r in
                self.loaded.contains(29 - r) ? self.window.apply(Self.value(29 - r)) : 0
            }, "coronal rows from the snapshot, \(sampling)")
            XCTAssertEqual(SliceRows.shown(frame, width: 12, height: 30), loaded.sorted())
            let live = try await engine.render(layout).frame
            XCTAssertEqual(SliceRows.shown(live, width: 12, height: 30), Array(0..<30), "without a snapshot: the volume as loaded now")
        }
    }

    /// Between slices, linear sampling follows the nearest slice: data only where it is in the snapshot,
    /// interpolated when both neighbours are, else the present neighbour alone.
    func testLinearRowsBetweenSlicesFollowTheNearestSlice() async throws {
        let volume = try makeVolume()
        // Three rows per slice: row r samples slice index z = 14.5 + (44.5 − r) / 3, fractions 0, 1/3, 2/3.
        let view = MPRView(plane: .coronal(centre: g.centre), width: 36, height: 90, pixelSpacing: 2.0 / 3, window: window, sampling: .linear)
        let frame = try await engine.render(.single(.mpr(view, volume), orientationLetters: false), snapshots: [volume.snapshot().restricted(to: loaded)]).frame
        assertFrame(frame, width: 36, height: 90, equals: { _, r in
            let z = 14.5 + (44.5 - Double(r)) / 3
            guard SliceRows.hasData(z: z, count: 30, loaded: self.loaded)! else { return 0 }
            let c = min(max(z, 0), 29), k0 = Int(c.rounded(.down)), k1 = min(k0 + 1, 29), f = c - Double(k0)
            let value: Double
            switch (self.loaded.contains(k0), self.loaded.contains(k1)) {
            case (true, true): value = Self.value(k0) * (1 - f) + Self.value(k1) * f
            case (true, false): value = Self.value(k0)
            default: value = Self.value(k1)
            }
            return self.window.apply(value)
        }, tolerance: 1, "linear rows between slices")
    }

    /// Slab samples on slices outside the snapshot are left out of the reduction; none left: black.
    func testSlabsLeaveAbsentSlicesOut() async throws {
        let volume = try makeVolume()
        let snapshot = volume.snapshot().restricted(to: loaded)
        // Three samples (2 mm apart) around slices 12 (11 present), 4 (3, 4, 5 present) and 8 (none present).
        let slices: [(centre: Int, present: [Int])] = [(12, [11]), (4, [3, 4, 5]), (8, [])]
        for (centre, present) in slices {
            for mode in [Slab.Mode.average, .maximum, .minimum] {
                let values = present.map(Self.value)
                let expected = values.isEmpty ? nil : mode == .average ? values.reduce(0, +) / Double(values.count)
                    : mode == .maximum ? values.max() : values.min()
                let view = MPRView(
                    plane: .axial(centre: g.world(11.5, 9.5, Double(centre))), width: 24, height: 20, pixelSpacing: 1, window: window,
                    sampling: .linear, slab: Slab(thickness: 6, mode: mode))
                let frame = try await engine.render(.single(.mpr(view, volume), orientationLetters: false), snapshots: [snapshot]).frame
                let grey = expected.map { window.apply($0) } ?? 0
                assertFrame(frame, width: 24, height: 20, equals: { _, _ in grey }, "\(mode) slab around slice \(centre)")
            }
        }
    }

    /// One snapshot for the whole layout: two axial viewports (one through a slice outside it), a sagittal
    /// and a coronal, drawn while every slice of the volume is loaded, all show exactly the snapshot.
    func testEveryViewportOfALayoutShowsTheGivenSnapshot() async throws {
        let volume = try makeVolume()
        let snapshot = volume.snapshot().restricted(to: loaded)
        let sagittal = MPRView(plane: .sagittal(centre: g.centre), width: 10, height: 30, pixelSpacing: 2, window: window, sampling: .nearest)
        func axial(_ k: Int) -> MPRView {
            MPRView(plane: .axial(centre: g.world(11.5, 9.5, Double(k))), width: 24, height: 20, pixelSpacing: 1, window: window, sampling: .nearest)
        }
        let viewports = [
            Viewport(.mpr(axial(12), volume), x: 0, y: 0, orientationLetters: false),
            Viewport(.mpr(axial(11), volume), x: 24, y: 0, orientationLetters: false),
            Viewport(.mpr(sagittal, volume), x: 48, y: 0, orientationLetters: false),
            Viewport(.mpr(coronalRows(sampling: .linear), volume), x: 58, y: 0, orientationLetters: false),
        ]
        let rendered = try await engine.render(Layout(width: 70, height: 30, viewports: viewports), snapshots: [snapshot])
        let frame = rendered.frame
        XCTAssertEqual(rendered.snapshots, [snapshot])
        XCTAssertEqual(SliceRows.shown(frame, x: 0, width: 24, height: 20), [], "slice 12 is not in the snapshot")
        XCTAssertEqual(Set((0..<20).flatMap { SliceRows.row(frame, x: 24, y: 0, width: 24, $0) }), [window.apply(Self.value(11))])
        XCTAssertEqual(SliceRows.shown(frame, x: 48, width: 10, height: 30), loaded.sorted(), "sagittal")
        XCTAssertEqual(SliceRows.shown(frame, x: 58, width: 12, height: 30), loaded.sorted(), "coronal")
    }

    /// Under `.nearestLoaded` a partial snapshot looks like a complete volume whose absent slices hold
    /// copies of their nearest loaded slice (ties: the lower), and the frame says so.
    func testNearestLoadedDrawsTheNearestLoadedSlice() async throws {
        let volume = try SyntheticVolume.make(g, type: .int16, stored: SyntheticVolume.pattern)
        let present = loaded.sorted()
        func source(_ k: Int) -> Int { present.min { (abs($0 - k), $0) < (abs($1 - k), $1) }! }
        let copies = try SyntheticVolume.make(g, type: .int16) { i, j, k in SyntheticVolume.pattern(i, j, source(k)) }
        let oblique = PlaneSpec.coronal(centre: g.centre).rotated(by: 0.4, about: Vector3(1, 0, 0)).rotated(by: 0.3, about: Vector3(0, 0, 1))
        for sampling in [Sampling.nearest, .linear] {
            for slab in [nil, Slab(thickness: 9, mode: .average)] {
                let view = MPRView(plane: oblique, fitting: g, width: 64, height: 64, window: .bone, sampling: sampling, slab: slab)
                var layout = Layout.single(.mpr(view, volume), orientationLetters: false)
                layout.unloadedSlices = .nearestLoaded
                let rendered = try await engine.render(layout, snapshots: [volume.snapshot().restricted(to: loaded)])
                XCTAssertTrue(rendered.showsStandIns)
                let reference = try await engine.render(view, of: copies)
                assertFrame(rendered.frame, width: 64, height: 64, equals: { reference.grey($0, $1) }, tolerance: sampling == .linear ? 1 : 0,
                            "nearest loaded, \(sampling), slab \(slab.map { "\($0.thickness) mm" } ?? "none")")
            }
        }
        let complete = try await engine.render(Layout.single(.mpr(coronalRows(sampling: .nearest), volume)))
        XCTAssertFalse(complete.showsStandIns, "a complete snapshot needs no stand-ins")
    }

    /// In irregular stacks (uneven, gapped, tilted) with only the even slices in the snapshot, the view
    /// through each slice's own plane is that slice when it is in, else black, or under `.nearestLoaded`
    /// the nearer of its loaded neighbours along the stack (ties: the lower) at its own place.
    func testIrregularStacksShowOnlyTheSnapshotsSlices() async throws {
        let w = VOIWindow(centre: 400, width: 900)
        for (name, stack) in try IrregularStackOracleTests.cases() {
            let g = stack.geometry, d = g.dimensions
            let even = Set(stride(from: 0, to: d.z, by: 2))
            // Distances along the stack as the renderer places the slices: true positions in a slice stack, the grid otherwise.
            let along = (0..<d.z).map { g.sliceStack == nil ? Double($0) : (g.sliceWorld(0, 0, slice: $0) - g.sliceWorld(0, 0, slice: 0)).dot(g.sliceNormal) }
            func source(_ k: Int) -> Int { even.min { (abs(along[$0] - along[k]), $0) < (abs(along[$1] - along[k]), $1) }! }
            let snapshot = stack.volume.snapshot().restricted(to: even)
            for unloaded in [UnloadedSlices.background, .nearestLoaded] {
                for k in 0..<d.z {
                    var layout = Layout.single(.mpr(stack.slicePlane(k, window: w), stack.volume), orientationLetters: false)
                    layout.unloadedSlices = unloaded
                    let frame = try await engine.render(layout, snapshots: [snapshot]).frame
                    let shown: Int? = even.contains(k) ? k : unloaded == .nearestLoaded ? source(k) : nil
                    assertFrame(frame, width: d.x, height: d.y, equals: { c, r in shown.map { w.apply(stack.stored(c, r, $0)) } ?? 0 },
                                "\(name) slice \(k), \(unloaded)")
                }
            }
        }
    }

    func testSnapshotsMustBeOfTheLayoutsVolumesOncePerVolume() async throws {
        let volume = try makeVolume(), other = try makeVolume()
        let layout = Layout.single(.mpr(coronalRows(sampling: .nearest), volume))
        for (snapshots, reason) in [([other.snapshot()], "no viewport"), ([volume.snapshot(), volume.snapshot()], "two snapshots")] {
            do {
                _ = try await engine.render(layout, snapshots: snapshots)
                XCTFail("a mismatched snapshot was accepted")
            } catch {
                guard case .snapshotMismatch(let id, let why) = error else { return XCTFail("unexpected \(error)") }
                XCTAssertEqual(id, "synthetic")
                XCTAssertTrue(why.contains(reason), why)
            }
        }
    }
}
