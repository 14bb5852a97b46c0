import Foundation
import Jobs
import Raster
import Render
import Segmentation
import Volume
import XCTest

/// On axis-aligned nearest views whose pixels are the CT's voxel centres, a filled overlay (opacity 1) shows each
/// segment's colour exactly where the fixture's mask has it, and the plain render everywhere else.
final class OverlayOracleTests: XCTestCase {
    static let session = LightboxSession()
    let window = VOIWindow(centre: 40, width: 400)

    func ctVolume() async throws -> ImageVolume {
        let opened = try await Self.session.open(.files([Fixtures.phantomFolder.appendingPathComponent("CT").path]))
        await opened.streaming.load()
        return opened.streaming.volume
    }

    /// Renders `content` without and with `overlay`, then checks each pixel against `expected(c, r)` (0: unchanged).
    /// `engine`: the session's by default.
    func assertOverlay(
        _ content: Viewport.Content, _ overlay: SegmentationOverlay, expected: (Int, Int) -> UInt16, _ message: String,
        engine: RenderEngine? = nil, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let engine = try engine ?? Self.session.renderEngine()
        var layout = Layout.single(content, orientationLetters: false)
        let plain = try await engine.render(layout).frame
        layout.segmentations = [overlay]
        layout.segmentationLegend = false
        let drawn = try await engine.render(layout).frame
        var colours = [UInt16: SIMD3<UInt8>]()
        for s in overlay.labels.segments { colours[UInt16(s.number)] = s.colour }
        var wrong = 0, coloured = 0
        for r in 0..<drawn.height { for c in 0..<drawn.width {
            let label = expected(c, r)
            let got = drawn.pixel(x: c, y: r)!
            let want: Pixel
            if label == 0 { want = plain.pixel(x: c, y: r)! } else {
                coloured += 1
                let colour = colours[label]!
                want = Pixel(r: UInt16(colour.x), g: UInt16(colour.y), b: UInt16(colour.z), a: 255)
            }
            if got != want { wrong += 1 }
        } }
        XCTAssertEqual(wrong, 0, "\(message): \(wrong) pixels differ", file: file, line: line)
        XCTAssertGreaterThan(coloured, 0, "\(message): the mask is empty there", file: file, line: line)
    }

    func testFilledAxialMPREqualsTheSEGFrameMask() async throws {
        let volume = try await ctVolume()
        let g = Fixtures.ctGrid
        for name in ["seg-binary.dcm", "seg-labelmap.dcm", "seg-fractional.dcm", "labels.nii.gz", "rtstruct.dcm"] {
            let labels = try LabelVolume.read(Fixtures.url(name), imageGrid: volume.geometry, imageFrameOfReference: volume.slices.first?.frameOfReferenceUID)
            let expected = Fixtures.labels(name)
            let overlay = SegmentationOverlay(labels: labels, style: .fill, opacity: 1)
            for k in [12, 21, 28] {
                let view = MPRView(plane: .axial(centre: g.world(31.5, 31.5, Double(k))), width: 64, height: 64, pixelSpacing: 6, window: window, sampling: .nearest)
                try await assertOverlay(.mpr(view, volume), overlay, expected: { c, r in expected[(k * 64 + r) * 64 + c] }, "\(name) axial k=\(k)")
            }
        }
    }

    /// With textures of at most 64 texels a side, the label texture's rows hold one brick row of 64 texels and a layer
    /// of bricks (16 × 16 bricks of the 64 × 64 grid) spans four texture slices: the same oracle holds, on the axial
    /// and on the coronal (which reads across layers of bricks).
    func testFilledViewsEqualTheMaskWhenTheLabelTextureSpansManySlices() async throws {
        let volume = try await ctVolume()
        let g = Fixtures.ctGrid
        let engine = try RenderEngine(textureLimits: TextureLimits(maxSize: 64))
        let labels = try LabelVolume.read(Fixtures.url("seg-labelmap.dcm"), imageGrid: volume.geometry, imageFrameOfReference: nil)
        let expected = Fixtures.labels("seg-labelmap.dcm")
        let overlay = SegmentationOverlay(labels: labels, style: .fill, opacity: 1)
        for k in [3, 21, 38] {
            let view = MPRView(plane: .axial(centre: g.world(31.5, 31.5, Double(k))), width: 64, height: 64, pixelSpacing: 6, window: window, sampling: .nearest)
            try await assertOverlay(.mpr(view, volume), overlay, expected: { c, r in expected[(k * 64 + r) * 64 + c] }, "axial k=\(k), 64-texel textures", engine: engine)
        }
        // The coronal plane through row j = 30 (screen right +x along i, up +z along k) on 5 mm pixels: frame row r
        // (from the top) is slice k = 39 − r; column c lies at i = 31.5 + (c − 31.5) × 5 / 6 (6 mm columns), never
        // halfway between two.
        let j = 30
        let coronal = MPRView(plane: .coronal(centre: g.world(31.5, Double(j), 19.5)), width: 64, height: 40, pixelSpacing: 5, window: window, sampling: .nearest)
        try await assertOverlay(.mpr(coronal, volume), overlay, expected: { c, r in
            let i = Int((31.5 + (Double(c) - 31.5) * 5 / 6).rounded())
            return expected[((39 - r) * 64 + j) * 64 + i]
        },
                                "coronal j=\(j), 64-texel textures", engine: engine)
    }

    /// The coronal MIP's overlay is the mask's projection: the front-most (most anterior) label along each ray.
    func testMIPShowsTheProjectionOfTheMask() async throws {
        let volume = try await ctVolume()
        let g = Fixtures.ctGrid
        let labels = try LabelVolume.read(Fixtures.url("seg-labelmap.dcm"), imageGrid: volume.geometry, imageFrameOfReference: nil)
        let expected = Fixtures.labels("seg-labelmap.dcm")
        // Rows lie at k = 43 − 1.2 r: never halfway between two slices.
        let view = MIPView(plane: .coronal(centre: g.world(31.5, 31.5, 19.6)), width: 64, height: 40, pixelSpacing: 6, window: window)
        let overlay = SegmentationOverlay(labels: labels, style: .fill, opacity: 1)
        try await assertOverlay(.mip(view, volume, colormap: .grey), overlay, expected: { c, r in
            let k = Int((43 - 1.2 * Double(r)).rounded())
            guard k >= 0, k < 40 else { return 0 }
            return (0..<64).lazy.map { j in expected[(k * 64 + j) * 64 + c] }.first { $0 != 0 } ?? 0
        }, "coronal MIP")
    }

    /// Outline pixels are the labelled pixels with a differently labelled 4-neighbour; the rest keep the render.
    /// At 6 mm pixels each pixel is a voxel (the texel's bits answer); at 2 mm each voxel is 3 × 3 pixels (the bits and
    /// the neighbour's position answer; some voxel boundaries fall inside 2 × 2 quads, others between): either way the outline is every labelled pixel with a 4-neighbour pixel of
    /// another label, and the view's border.
    func testOutlineIsTheBoundaryOfTheSection() async throws {
        let volume = try await ctVolume()
        let g = Fixtures.ctGrid
        let labels = try LabelVolume.read(Fixtures.url("seg-labelmap.dcm"), imageGrid: volume.geometry, imageFrameOfReference: nil)
        let expected = Fixtures.labels("seg-labelmap.dcm")
        let k = 21
        for pixelsPerVoxel in [1, 3] {
            let size = 64 * pixelsPerVoxel, last = size - 1
            // Pixel c's nearest voxel is c / pixelsPerVoxel (pixel centres at i = (c + 0.5) / n − 0.5, a sixth or more from halfway).
            func at(_ c: Int, _ r: Int) -> UInt16 {
                c < 0 || r < 0 || c > last || r > last ? 0 : expected[(k * 64 + r / pixelsPerVoxel) * 64 + c / pixelsPerVoxel]
            }
            let view = MPRView(plane: .axial(centre: g.world(31.5, 31.5, Double(k))), width: size, height: size,
                               pixelSpacing: 6 / Double(pixelsPerVoxel), window: window, sampling: .nearest)
            try await assertOverlay(.mpr(view, volume), SegmentationOverlay(labels: labels, style: .outline), expected: { c, r in
                let label = at(c, r)
                let edge = c == 0 || r == 0 || c == last || r == last || [at(c - 1, r), at(c + 1, r), at(c, r - 1), at(c, r + 1)].contains { $0 != label }
                return edge ? label : 0
            }, "outline k=\(k), \(pixelsPerVoxel) pixel(s) a voxel")
        }
    }
}
