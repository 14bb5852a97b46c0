import Foundation
import Jobs
import Raster
import Render
import Segmentation
import Volume
import XCTest

/// A view's first segmentation on MPR and fusion views is drawn in one pass, scissored to where the plane meets its
/// labelled voxels; the two-draw overlay pass (label image, then blend) draws the others over the whole view. Both
/// must draw the same thing (so the scissor box leaves out no pixel that shows the overlay): a layout whose first segmentation shows no segment hands the second to the pass,
/// so the same overlay is drawn once each way on oblique, slab, linear and fusion views and the frames compared.
final class ScissoredOverlayTests: XCTestCase {
    static let session = OverlayOracleTests.session

    func volume(_ folder: String) async throws -> ImageVolume {
        let opened = try await Self.session.open(.files([Fixtures.phantomFolder.appendingPathComponent(folder).path]))
        await opened.streaming.load()
        return opened.streaming.volume
    }

    /// The views compared, centred off the grid and turned off its axes.
    func contents(ct: ImageVolume, pet: ImageVolume) -> [(String, Viewport.Content)] {
        let g = Fixtures.ctGrid
        let window = VOIWindow(centre: 40, width: 400)
        let oblique = PlaneSpec.axial(centre: g.world(30.2, 33.7, 20.4)).rotated(by: 0.4, about: Vector3(1, 1, 0))
        let mpr = MPRView(plane: oblique, width: 96, height: 80, pixelSpacing: 3.3, window: window)
        var slab = mpr
        slab.slab = Slab(thickness: 20, mode: .maximum)
        var nearestSlab = MPRView(plane: .axial(centre: g.world(31.5, 31.5, 21)), width: 64, height: 64, pixelSpacing: 6, window: window, sampling: .nearest)
        nearestSlab.slab = Slab(thickness: 15, mode: .maximum)
        let fusion = FusionView(plane: oblique, width: 96, height: 80, pixelSpacing: 3.3, units: .stored(unit: "BQML", reason: "test"))
        var petOnly = fusion
        petOnly.layers = .petOnly
        var ctOnly = fusion
        ctOnly.layers = .ctOnly
        return [("oblique linear MPR", .mpr(mpr, ct)), ("oblique slab MIP", .mpr(slab, ct)), ("axial grid slab", .mpr(nearestSlab, ct)),
                ("oblique fusion", .fusion(fusion, ct: ct, pet: pet)), ("PET only", .fusion(petOnly, ct: ct, pet: pet)),
                ("CT only", .fusion(ctOnly, ct: ct, pet: pet))]
    }

    func testTheShaderDrawsWhatTheOverlayPassDraws() async throws {
        let ct = try await volume("CT"), pet = try await volume("PET")
        let engine = try Self.session.renderEngine()
        let labels = try LabelVolume.read(Fixtures.url("seg-labelmap.dcm"), imageGrid: ct.geometry, imageFrameOfReference: nil)
        for (name, content) in contents(ct: ct, pet: pet) {
            for (style, opacity, tolerance) in [(SegmentationOverlay.Style.outline, 0.4, 0), (.fill, 1, 0), (.both, 0.4, 1)] {
                let overlay = SegmentationOverlay(labels: labels, style: style, opacity: opacity)
                var inShader = Layout.single(content, orientationLetters: false)
                inShader.segmentationLegend = false
                var byPass = inShader
                inShader.segmentations = [overlay]
                byPass.segmentations = [SegmentationOverlay(labels: labels, shown: []), overlay]
                let plain = try await engine.render(Layout.single(content, orientationLetters: false)).frame
                let a = try await engine.render(inShader).frame, b = try await engine.render(byPass).frame
                var worst = 0, changed = 0
                for y in 0..<a.height { for x in 0..<a.width {
                    let p = a.pixel(x: x, y: y)!, q = b.pixel(x: x, y: y)!
                    worst = max(worst, abs(Int(p.r) - Int(q.r)), abs(Int(p.g) - Int(q.g)), abs(Int(p.b) - Int(q.b)), abs(Int(p.a) - Int(q.a)))
                    if p != plain.pixel(x: x, y: y)! { changed += 1 }
                } }
                XCTAssertLessThanOrEqual(worst, tolerance, "\(name), \(style) at \(opacity): in-shader and pass overlays differ by \(worst) levels")
                XCTAssertGreaterThan(changed, 20, "\(name), \(style): the overlay drew nothing")
            }
        }
    }

    /// A second segmentation (drawn by the pass) lies over the first (drawn by the shader), as two passes would draw them.
    func testTheSecondSegmentationLiesOverTheFirst() async throws {
        let ct = try await volume("CT")
        let engine = try Self.session.renderEngine()
        let g = Fixtures.ctGrid
        let names = ["seg-binary.dcm", "rtstruct.dcm"]
        let overlays = try names.map { name in
            SegmentationOverlay(labels: try LabelVolume.read(Fixtures.url(name), imageGrid: ct.geometry, imageFrameOfReference: nil), style: .fill, opacity: 1)
        }
        let k = 21
        let view = MPRView(plane: .axial(centre: g.world(31.5, 31.5, Double(k))), width: 64, height: 64, pixelSpacing: 6,
                           window: VOIWindow(centre: 40, width: 400), sampling: .nearest)
        var layout = Layout.single(.mpr(view, ct), orientationLetters: false)
        let plain = try await engine.render(layout).frame
        layout.segmentations = overlays
        layout.segmentationLegend = false
        let drawn = try await engine.render(layout).frame
        let masks = names.map(Fixtures.labels)
        var wrong = 0, both = 0
        for r in 0..<64 { for c in 0..<64 {
            let labels = masks.map { $0[(k * 64 + r) * 64 + c] }
            var want = plain.pixel(x: c, y: r)!
            for (overlay, label) in zip(overlays, labels) where label != 0 {
                let colour = overlay.labels.segments.first { $0.number == Int(label) }!.colour
                want = Pixel(r: UInt16(colour.x), g: UInt16(colour.y), b: UInt16(colour.z), a: 255)
            }
            if labels.allSatisfy({ $0 != 0 }) { both += 1 }
            if drawn.pixel(x: c, y: r)! != want { wrong += 1 }
        } }
        XCTAssertEqual(wrong, 0)
        XCTAssertGreaterThan(both, 0, "the two masks do not overlap at k=\(k)")
    }
}
