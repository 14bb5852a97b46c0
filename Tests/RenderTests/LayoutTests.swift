import Raster
@testable import Render
import Volume
import XCTest

/// Layout composition: where viewports, separators and orientation letters land.
final class LayoutTests: XCTestCase {
    let engine = TestEngine.shared
    let g = SyntheticVolume.geometry(dimensions: SIMD3(40, 40, 20), spacing: Vector3(1, 1, 2))

    func testLettersOfTheNamedPlanes() {
        func letters(_ p: PlaneSpec) -> [String] {
            let l = OrientationLetters.letters(of: p)
            return [l.left, l.right, l.top, l.bottom]
        }
        XCTAssertEqual(letters(.axial(centre: .zero)), ["R", "L", "A", "P"], "patient right on screen left, anterior up")
        XCTAssertEqual(letters(.coronal(centre: .zero)), ["R", "L", "S", "I"])
        XCTAssertEqual(letters(.sagittal(centre: .zero)), ["A", "P", "S", "I"])
        XCTAssertEqual(letters(PlaneSpec.coronal(centre: .zero).rotated(by: .pi / 2, about: Vector3(0, 0, 1))), ["A", "P", "S", "I"])
    }

    /// On an all-black render the letter colour appears at the middle of each edge, and nowhere when letters are off.
    func testLettersAreDrawnAtEdgeMiddles() async throws {
        let volume = try SyntheticVolume.make(g, type: .int16) { _, _, _ in -2000 }
        let view = MPRView(plane: .axial(centre: g.centre), width: 120, height: 100, pixelSpacing: 0.5, window: .bone)
        let on = try await engine.render(.single(.mpr(view, volume))).frame
        let off = try await engine.render(.single(.mpr(view, volume), orientationLetters: false)).frame
        func lit(_ frame: Frame, _ rect: PixelRect) -> Int {
            var n = 0
            for y in rect.y..<rect.y + rect.height { for x in rect.x..<rect.x + rect.width where frame.pixel(x: x, y: y)?.g == 210 { n += 1 } }
            return n
        }
        let edges = [
            PixelRect(x: 0, y: 40, width: 12, height: 20), PixelRect(x: 108, y: 40, width: 12, height: 20),
            PixelRect(x: 50, y: 0, width: 20, height: 12), PixelRect(x: 50, y: 88, width: 20, height: 12),
        ]
        for rect in edges {
            XCTAssertGreaterThan(lit(on, rect), 5, "letter near \(rect)")
            XCTAssertEqual(lit(off, rect), 0)
        }
        XCTAssertEqual(lit(on, PixelRect(x: 20, y: 20, width: 80, height: 60)), 0, "nothing in the middle")
    }

    func testTriplanarPlacesThreeViewsWithSeparators() async throws {
        let volume = try SyntheticVolume.make(g, type: .int16) { _, _, _ in 400 }
        let layout = Layout.triplanar(volume, window: .bone, viewportWidth: 64, viewportHeight: 48, orientationLetters: false)
        XCTAssertEqual(layout.viewports.map(\.x), [0, 66, 132])
        XCTAssertEqual(layout.viewports.map { AnatomicalOrientation.planeName(normal: $0.plane.normal) }, ["axial", "sagittal", "coronal"])
        let frame = try await engine.render(layout).frame
        XCTAssertEqual(frame.width, 196)
        XCTAssertEqual(frame.pixel(x: 64, y: 20), Pixel(r: 90, g: 90, b: 90, a: 255), "separator")
        XCTAssertEqual(frame.pixel(x: 32, y: 24)?.r, UInt16(VOIWindow.bone.apply(400)), "axial centre")
    }

    /// Axial | sagittal over coronal | volume rendering, each cell (258 − 2) / 2 pixels, separators between.
    func testMPRAndVolumePlacesFourViews() async throws {
        let volume = try SyntheticVolume.make(g, type: .int16) { _, _, _ in 400 }
        let cell = Layout.quadCell(width: 130, height: 98)
        XCTAssertEqual([cell.width, cell.height], [64, 48])
        let vr = VolumeRenderView.rotating(g, angle: 0, width: cell.width, height: cell.height, preset: try VolumePresets.named("CT-Bone"))
        let layout = Layout.mprAndVolume(volume, window: .bone, volumeView: vr, width: 130, height: 98, orientationLetters: false)
        XCTAssertEqual(layout.viewports.map(\.x), [0, 66, 0, 66])
        XCTAssertEqual(layout.viewports.map(\.y), [0, 0, 50, 50])
        XCTAssertEqual(layout.viewports.prefix(3).map { AnatomicalOrientation.planeName(normal: $0.plane.normal) }, ["axial", "sagittal", "coronal"])
        XCTAssertEqual(layout.volumes.map(\.bricks), [.range])
        let frame = try await engine.render(layout).frame
        XCTAssertEqual([frame.width, frame.height], [130, 98])
        XCTAssertEqual(frame.pixel(x: 64, y: 20), Pixel(r: 90, g: 90, b: 90, a: 255), "separator")
        XCTAssertGreaterThan(frame.pixel(x: 98, y: 74)?.r ?? 0, 100, "the volume rendering shows the 400 HU block")
    }

    func testViewportsOutsideTheFrameAreRefused() async throws {
        let volume = try SyntheticVolume.make(g, type: .int16) { _, _, _ in 0 }
        let view = MPRView(plane: .axial(centre: g.centre), width: 40, height: 40, pixelSpacing: 1, window: .bone)
        let layout = Layout(width: 50, height: 50, viewports: [Viewport(.mpr(view, volume), x: 20, y: 0)])
        do {
            _ = try await engine.render(layout)
            XCTFail("viewport leaves the frame")
        } catch {
            guard case .invalidLayout = error else { return XCTFail("\(error)") }
        }
    }
}
