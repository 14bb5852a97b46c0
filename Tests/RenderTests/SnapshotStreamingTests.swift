import Foundation
import Loading
import Raster
import Render
import Volume
import XCTest

/// Frames drawn continuously while volumes stream in on other threads: a frame never shows a slice
/// that is not complete, and all viewports of a frame show the same slices, those of the frame's snapshot.
/// Bounded by the streams' length (and a frame count); nothing here depends on timing.
final class SnapshotStreamingTests: XCTestCase {
    let engine = TestEngine.shared
    /// 16 × 24 pixels a slice: the first half of a slice's bytes is its rows 0–11, the second half rows 12–23.
    let g = SyntheticVolume.geometry(dimensions: SIMD3(16, 24, 40), spacing: Vector3(1, 1, 1))
    let window = VOIWindow(centre: 1000, width: 2000)
    /// (first half, second half) stored values of each write pass; the second pass rewrites every slice.
    static let markers: [(Int16, Int16)] = [(300, 700), (1100, 1500)]
    static let maxFrames = 2000

    /// A sagittal view of slice rows: column c is row j = c of every slice, screen row r is slice 39 − r.
    var sagittal: MPRView {
        MPRView(plane: .sagittal(centre: g.centre), width: 24, height: 40, pixelSpacing: 1, window: window, sampling: .nearest)
    }

    /// Writes every slice of `volume` in interleaved order, once per marker pair: the first half of its
    /// bytes, a pause, then the second half, inside one `insert` (which publishes the slice after both).
    static func stream(_ volume: ImageVolume) {
        for (first, second) in markers {
            for k in RetrievalOrder.interleaved.order(count: volume.sliceCount) {
                volume.insert(slice: k) { bytes in
                    let voxels = bytes.bindMemory(to: Int16.self)
                    let half = voxels.count / 2
                    for n in 0..<half { voxels[n] = first }
                    usleep(100)
                    for n in half..<voxels.count { voxels[n] = second }
                }
                usleep(1000)
            }
        }
    }

    func testNoFrameShowsHalfASlice() async throws {
        let volumes = try (0..<4).map { _ in try SyntheticVolume.empty(g, type: .int16) }
        let viewports = volumes.enumerated().map { n, volume in
            Viewport(.mpr(sagittal, volume), x: (n % 2) * 24, y: (n / 2) * 40, orientationLetters: false)
        }
        let layout = Layout(width: 48, height: 80, viewports: viewports)
        let whole = Self.markers.map { (window.apply(Double($0.0)), window.apply(Double($0.1))) }
        let writers = BackgroundWriters(count: volumes.count) { Self.stream(volumes[$0]) }
        var frames = 0, partialFrames = 0
        var torn: [String] = []
        while frames < Self.maxFrames {
            let last = writers.finished
            let rendered = try await engine.render(layout)
            frames += 1
            if rendered.snapshots.contains(where: { !$0.isComplete }) { partialFrames += 1 }
            for (n, viewport) in layout.viewports.enumerated() {
                let snapshot = rendered.snapshots[n]
                for r in 0..<40 {
                    let k = 39 - r
                    let row = SliceRows.row(rendered.frame, x: viewport.x, y: viewport.y, width: 24, r)
                    let halves = (Set(row[..<12]), Set(row[12...]))
                    let whole = whole.contains { halves == ([$0.0], [$0.1]) }
                    let absent = !snapshot.contains(k) && Set(row) == [0]
                    if !(snapshot.contains(k) && whole) && !absent, torn.count < 5 {
                        torn.append("frame \(frames), volume \(n), slice \(k) (in snapshot: \(snapshot.contains(k))): \(row)")
                    }
                }
            }
            if last { break }
        }
        XCTAssertTrue(torn.isEmpty, "rows that are neither a whole slice of one pass nor absent:\n" + torn.joined(separator: "\n"))
        XCTAssertTrue(writers.finished, "the streams outlasted \(Self.maxFrames) frames")
        print("SnapshotStreamingTests: \(frames) frames, \(partialFrames) of them mid-stream")
    }

    /// With no snapshot given, the engine takes one per volume as the frame starts: the sagittal and the
    /// coronal viewport of each frame show the same slices, exactly those the frame reports, while a stream
    /// inserts slices throughout.
    func testAllViewportsOfAFrameComeFromOneSnapshot() async throws {
        let volume = try SyntheticVolume.empty(g, type: .int16)
        let coronal = MPRView(plane: .coronal(centre: g.centre), width: 16, height: 40, pixelSpacing: 1, window: window, sampling: .linear)
        let layout = Layout(width: 40, height: 40, viewports: [
            Viewport(.mpr(sagittal, volume), x: 0, y: 0, orientationLetters: false),
            Viewport(.mpr(coronal, volume), x: 24, y: 0, orientationLetters: false),
        ])
        let writers = BackgroundWriters(count: 1) { _ in
            for k in RetrievalOrder.interleaved.order(count: volume.sliceCount) {
                SyntheticVolume.fill(volume, slice: k) { _, _, k in Double(100 + 20 * k) }
                usleep(500)
            }
        }
        var frames = 0
        var mismatches: [String] = []
        while frames < Self.maxFrames {
            let last = writers.finished
            let rendered = try await engine.render(layout)
            frames += 1
            let expected = rendered.snapshots[0].loadedSlices
            let shown = (SliceRows.shown(rendered.frame, x: 0, width: 24, height: 40), SliceRows.shown(rendered.frame, x: 24, width: 16, height: 40))
            if (shown.0 != expected || shown.1 != expected), mismatches.count < 5 {
                mismatches.append("frame \(frames): snapshot \(expected), sagittal \(shown.0), coronal \(shown.1)")
            }
            if last { break }
        }
        XCTAssertTrue(mismatches.isEmpty, mismatches.joined(separator: "\n"))
        let final = try await engine.render(layout)
        XCTAssertEqual(final.snapshots[0].loadedCount, 40, "the stream ended with every slice loaded")
    }
}
