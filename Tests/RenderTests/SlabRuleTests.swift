import Render
import Volume
import XCTest

/// N = max(1, round(thickness / step)) samples centred on the plane; step = spacing along the normal.
final class SlabRuleTests: XCTestCase {
    let g = SyntheticVolume.geometry(dimensions: SIMD3(15, 13, 11), spacing: Vector3(0.8, 0.9, 2.5))

    func testStepIsTheSpacingAlongTheNormalOrTheSmallestForOblique() {
        XCTAssertEqual(Slab.step(along: Vector3(0, 0, -1), in: g), 2.5)
        XCTAssertEqual(Slab.step(along: Vector3(0, 1, 0), in: g), 0.9)
        XCTAssertEqual(Slab.step(along: Vector3(1, 0, 0), in: g), 0.8)
        XCTAssertEqual(Slab.step(along: Vector3(1, 0, 1), in: g), 0.8)
    }

    func testSampleCountAndOffsets() {
        XCTAssertEqual(Slab(thickness: 0, mode: .maximum).sampleCount(step: 2.5), 1)
        XCTAssertEqual(Slab(thickness: 1.2, mode: .maximum).sampleCount(step: 2.5), 1)
        XCTAssertEqual(Slab(thickness: 3.75, mode: .maximum).sampleCount(step: 2.5), 2, "1.5 rounds away from zero")
        XCTAssertEqual(Slab(thickness: 10, mode: .maximum).sampleCount(step: 2.5), 4)
        XCTAssertEqual(Slab(thickness: 7.5, mode: .maximum).offsets(step: 2.5), [-2.5, 0, 2.5])
        XCTAssertEqual(Slab(thickness: 10, mode: .average).offsets(step: 2.5), [-3.75, -1.25, 1.25, 3.75])
    }

    /// A 3-slice and a 5-slice slab around slice 5 reduce exactly those slices (axial, k step 2.5 mm).
    func testRenderedSlabCoversExactlyTheSlicesItsThicknessImplies() async throws {
        let window = VOIWindow(centre: 200, width: 1000)
        // Square output pixels need equal in-plane spacing for a pixel-for-pixel oracle.
        let iso = SyntheticVolume.geometry(dimensions: SIMD3(15, 13, 11), spacing: Vector3(0.8, 0.8, 2.5))
        let isoVolume = try SyntheticVolume.make(iso, type: .int16, stored: SyntheticVolume.pattern)
        for (thickness, slices) in [(8.0, 4...6), (11.6, 3...7), (1.0, 5...5)] {
            for mode in [Slab.Mode.maximum, .minimum] {
                let view = MPRView(
                    plane: .axial(centre: iso.world(7, 6, 5)), width: 15, height: 13, pixelSpacing: 0.8,
                    window: window, sampling: .nearest, slab: Slab(thickness: thickness, mode: mode))
                let frame = try await TestEngine.shared.render(view, of: isoVolume)
                assertFrame(frame, width: 15, height: 13, equals: { c, r in
                    let values = slices.map { SyntheticVolume.pattern(c, r, $0) }
                    return window.apply(mode == .maximum ? values.max()! : values.min()!)
                }, "\(mode) \(thickness) mm")
            }
        }
    }

    /// Average: the mean of the samples in float32 (as the shader sums), windowed; within one level.
    func testAverageSlab() async throws {
        let iso = SyntheticVolume.geometry(dimensions: SIMD3(15, 13, 11), spacing: Vector3(0.8, 0.8, 2.5))
        let volume = try SyntheticVolume.make(iso, type: .int16, stored: SyntheticVolume.pattern)
        let window = VOIWindow(centre: 200, width: 1000)
        let view = MPRView(
            plane: .axial(centre: iso.world(7, 6, 5)), width: 15, height: 13, pixelSpacing: 0.8,
            window: window, sampling: .nearest, slab: Slab(thickness: 7.5, mode: .average))
        assertFrame(try await TestEngine.shared.render(view, of: volume), width: 15, height: 13, equals: { c, r in
            let sum = (4...6).reduce(Float(0)) { $0 + Float(SyntheticVolume.pattern(c, r, $1)) }
            return window.apply(Double(sum / 3))
        }, tolerance: 1, "average of slices 4–6")
    }
}

/// Ray steps: never more than half the smallest spacing; an even division of the axis spacing along a grid axis.
final class MIPStepRuleTests: XCTestCase {
    func testStep() {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(10, 10, 10), spacing: Vector3(0.8, 0.8, 1.3))
        let along = { (plane: PlaneSpec) in MIPView(plane: plane, width: 1, height: 1, pixelSpacing: 1, window: .bone).sampleStep(in: g) }
        XCTAssertEqual(along(.axial(centre: .zero)), 1.3 / 4, accuracy: 1e-12, "along k: 1.3 mm in 4 parts")
        XCTAssertEqual(along(.coronal(centre: .zero)), 0.4, accuracy: 1e-12, "along j: 0.8 mm in 2 parts")
        XCTAssertEqual(along(PlaneSpec.coronal(centre: .zero).rotated(by: 0.5, about: Vector3(0, 0, 1))), 0.4, accuracy: 1e-12, "oblique")
    }
}
