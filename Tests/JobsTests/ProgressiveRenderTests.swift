import Foundation
import Jobs
import Loading
import Phantom
import Raster
import Render
import TestSupport
import Volume
import XCTest

/// Progressive frames of a render job are deterministic: the N % frame shows exactly the first ⌈N % × slices⌉
/// slices of the retrieval order and none of the others; the final frame does not depend on whether
/// progressive frames were asked for; progressive frames differ from each other; they have goldens.
final class ProgressiveRenderTests: XCTestCase {
    static let phantom: PhantomWriter.Output = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-progressive-\(UUID().uuidString)")
        do { return try PhantomWriter().write(to: folder) } catch { fatalError("phantom: \(error)") }
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(at: phantom.ctFolder.deletingLastPathComponent())
        super.tearDown()
    }

    /// Runs `request` in a fresh session and returns its frames by percent (nil: the final frame) and its report.
    func run(_ request: RenderRequest) async throws -> (frames: [Int?: Frame], report: RenderJobReport) {
        var frames: [Int?: Frame] = [:]
        let report = try await RenderJob(request).run(in: LightboxSession()) { drawn in
            frames[drawn.percent] = drawn.frame
            return nil
        }
        return (frames, report)
    }

    /// A coronal view of the CT, nearest, a window that makes every stored voxel white (background stays black).
    func coronal(percents: [Int], order: RetrievalOrder = .interleaved) -> RenderRequest {
        RenderRequest(
            inputs: .series(.files([Self.phantom.ctFolder.path]), seriesUID: nil), view: .mpr(.coronal), width: 384, height: 128,
            sampling: .nearest, window: (VOIWindow(centre: -2000, width: 2), "test"), orientationLetters: false,
            progressivePercents: percents, order: order)
    }

    func testThe25PercentFrameShowsExactlyTheFirstQuarterOfTheRetrievalOrder() async throws {
        for order in [RetrievalOrder.interleaved, .sequential] {
            let (frames, report) = try await run(coronal(percents: [25], order: order))
            let frame = try XCTUnwrap(frames[25])
            let grid = PhantomStudy.standard.ct
            let expected = Set(order.order(count: grid.slices).prefix((25 * grid.slices + 99) / 100))
            XCTAssertEqual(report.frames.first?.slicesShown, [expected.count], order.name)
            // Row r of the coronal frame samples z = centre + (height/2 − r − ½) × spacing; nearest slice k = round((z − z0) / step).
            let spacing = max(Double(grid.columns) * grid.pixelSpacing / 384, Double(grid.slices) * grid.sliceStep / 128)
            let centreZ = grid.firstSliceZ + Double(grid.slices - 1) / 2 * grid.sliceStep
            var lit = Set<Int>(), dark = Set<Int>()
            for r in 0..<frame.height {
                let z = centreZ + (Double(frame.height) / 2 - Double(r) - 0.5) * spacing
                let k = Int(((z - grid.firstSliceZ) / grid.sliceStep).rounded())
                guard k >= 0, k < grid.slices, abs(z - (grid.firstSliceZ + Double(k) * grid.sliceStep)) < grid.sliceStep * 0.45 else { continue }
                let value = try XCTUnwrap(frame.pixel(x: 192, y: r)).r
                if value > 0 { lit.insert(k) } else { dark.insert(k) }
            }
            XCTAssertFalse(lit.isEmpty, order.name)
            XCTAssertTrue(lit.isSubset(of: expected), "\(order.name): slices outside the first 25% show: \(lit.subtracting(expected).sorted())")
            XCTAssertTrue(dark.isDisjoint(with: expected), "\(order.name): slices of the first 25% are missing: \(dark.intersection(expected).sorted())")
            XCTAssertGreaterThan(dark.count, lit.count, "\(order.name): most slices are absent at 25%")
        }
    }

    func testTheFinalFrameIsTheSameWithAndWithoutProgressiveFrames() async throws {
        // A PET without a file window: the window comes from metadata (SUV 0–6), decided before any pixel arrives.
        func mip(_ percents: [Int]) -> RenderRequest {
            RenderRequest(inputs: .series(.files([Self.phantom.petFolder.path]), seriesUID: nil), view: .mip, width: 128, height: 128,
                          progressivePercents: percents)
        }
        let plain = try await run(mip([]))
        let progressive = try await run(mip([10, 20, 30, 40, 50, 60, 70, 80, 90]))
        XCTAssertEqual(progressive.frames.count, 10)
        XCTAssertEqual(plain.frames[nil as Int?], progressive.frames[nil as Int?], "final frames differ")
        XCTAssertEqual(plain.report.window.source, progressive.report.window.source)
        XCTAssertEqual(plain.report.window.source, "SUVbw 0–6")
    }

    func testProgressiveFramesDifferAndAreTimed() async throws {
        let request = RenderRequest(
            inputs: .petCT(ct: .files([Self.phantom.ctFolder.path]), pet: .files([Self.phantom.petFolder.path])), view: .petCTLayout,
            width: 512, height: 320, progressivePercents: [25, 50, 75])
        let (frames, report) = try await run(request)
        let ordered = [25, 50, 75, nil].map { frames[$0] }
        XCTAssertEqual(ordered.compactMap { $0 }.count, 4)
        for a in 0..<4 { for b in (a + 1)..<4 { XCTAssertNotEqual(ordered[a], ordered[b], "frames \(a) and \(b) are the same") } }
        XCTAssertEqual(report.frames.map(\.percent), [25, 50, 75, nil])
        XCTAssertEqual(report.frames.map(\.seconds), report.frames.map(\.seconds).sorted())
        XCTAssertNotNil(report.timings.firstFrameSeconds)
        // Each volume shows ⌈N % × its slices⌉ slices.
        XCTAssertEqual(report.frames[0].slicesShown, [30, 15])
        XCTAssertEqual(report.frames[1].slicesShown, [60, 30])
    }

    /// The PET/CT layout at 25 % and 60 % of the interleaved order, from files (the DICOMweb tests check the same
    /// frames over DICOMweb). Tolerance as every golden (`Golden.Tolerance.standard`); `make goldens` regenerates.
    func testProgressiveGoldens() async throws {
        let request = RenderRequest(
            inputs: .petCT(ct: .files([Self.phantom.ctFolder.path]), pet: .files([Self.phantom.petFolder.path])), view: .petCTLayout,
            width: 512, height: 320, progressivePercents: [25, 60])
        let (frames, _) = try await run(request)
        try Golden.assertMatches(try XCTUnwrap(frames[25]), "job_petct_progressive25")
        try Golden.assertMatches(try XCTUnwrap(frames[60]), "job_petct_progressive60")
    }
}
