import Render
import Volume
import XCTest

final class VOIWindowTests: XCTestCase {
    /// Values worked by hand from PS3.3 C.11.2.1.2.1 for c = 40, w = 400 (lower −160, upper 239).
    func testLinearFunctionByHand() {
        let w = VOIWindow.mediastinum
        XCTAssertEqual(w.lower, -160)
        XCTAssertEqual(w.upper, 239)
        XCTAssertEqual(w.apply(-1000), 0)
        XCTAssertEqual(w.apply(-160), 0)
        XCTAssertEqual(w.apply(-159), 1)      // 255/399 = 0.64 → 1
        XCTAssertEqual(w.apply(40), 128)      // 200 × 255/399 = 127.82 → 128
        XCTAssertEqual(w.apply(239), 255)
        XCTAssertEqual(w.apply(239.5), 255)
        XCTAssertEqual(VOIWindow(centre: 0, width: 1).apply(-0.5), 0)
        XCTAssertEqual(VOIWindow(centre: 0, width: 1).apply(-0.49), 255)
        XCTAssertEqual(VOIWindow(centre: 0, width: 511).apply(-254), 1, "y = 0.5 exactly rounds up")
    }

    func testPresets() {
        XCTAssertEqual(VOIWindow.lung, VOIWindow(centre: -600, width: 1500))
        XCTAssertEqual(VOIWindow.bone, VOIWindow(centre: 400, width: 1800))
        XCTAssertEqual(VOIWindow.brain, VOIWindow(centre: 40, width: 80))
    }

    /// Every stored value −4096 … 4095 through the GPU equals VOIWindow.apply, including windows whose
    /// outputs land exactly on .5 (w = 511: y = t/2).
    func testShaderMatchesSwiftForEveryValue() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(128, 64, 1), spacing: Vector3(1, 1, 1))
        let value = { (i: Int, j: Int) in Double(j * 128 + i - 4096) }
        let volume = try SyntheticVolume.make(g, type: .int16) { i, j, _ in value(i, j) }
        for window in [VOIWindow(centre: 0, width: 511), VOIWindow(centre: 1.5, width: 1021), .lung, .mediastinum, .bone, .brain, VOIWindow(centre: 37.5, width: 1)] {
            let view = MPRView(plane: .axial(centre: g.world(63.5, 31.5, 0)), width: 128, height: 64, pixelSpacing: 1, window: window, sampling: .nearest)
            assertFrame(try await TestEngine.shared.render(view, of: volume), width: 128, height: 64,
                        equals: { c, r in window.apply(value(c, r)) }, "window \(window)")
        }
    }
}
