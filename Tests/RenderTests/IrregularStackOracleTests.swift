import Raster
import Render
import Volume
import XCTest

/// Stacks that are not one uniform grid render in patient space: the view through each stored slice's own
/// plane is that slice, exactly; coronal and sagittal views equal a CPU reference that samples between the
/// true slice positions; a MIP along the slices is their maximum, with and without empty-space skipping.
final class IrregularStackOracleTests: XCTestCase {
    let window = VOIWindow(centre: 400, width: 900)

    /// z of each slice: steps of 2, then 3, then 2.5 mm (two slice thicknesses and an overlap, as head CTs have).
    static let unevenZ: [Double] = {
        let steps = [2.0, 2, 2, 2, 3, 3, 3, 2.5, 2.5, 2.5, 2, 2, 2]
        return steps.reduce(into: [-20.0]) { $0.append($0.last! + $1) }
    }()

    static func positions(_ z: [Double], shiftY: (Int) -> Double = { _ in 0 }) -> [Vector3] {
        z.enumerated().map { k, z in Vector3(-20, -18 + shiftY(k), z) }
    }

    /// The cases: uneven steps, a gap of two slices, a varying tilt (the in-plane shift grows quadratically),
    /// a constant tilt of about 14° (a sheared grid, no per-slice table) and jitter within the grid tolerance.
    static func cases() throws -> [(String, IrregularStack)] {
        let uniform = (0..<14).map { -20 + 2.0 * Double($0) }
        var gapped = uniform
        gapped.removeSubrange(6...7)
        return [
            ("uneven", try IrregularStack(positions: positions(unevenZ), stored: IrregularStack.smooth)),
            ("gap", try IrregularStack(positions: positions(gapped), stored: IrregularStack.smooth)),
            ("varying tilt", try IrregularStack(positions: positions(unevenZ) { k in 0.04 * Double(k * k) }, stored: IrregularStack.smooth)),
            ("constant tilt", try IrregularStack(positions: positions(uniform) { k in 0.5 * Double(k) }, stored: IrregularStack.smooth)),
            ("jitter", try IrregularStack(positions: positions(uniform.enumerated().map { $1 + ($0 % 2 == 0 ? 0.04 : -0.04) }), stored: IrregularStack.smooth)),
        ]
    }

    func testEveryCaseAssemblesAsExpected() throws {
        let stacks = Dictionary(uniqueKeysWithValues: try Self.cases())
        XCTAssertNotNil(stacks["uneven"]?.geometry.sliceStack)
        XCTAssertEqual(stacks["gap"]?.geometry.sliceStack?.gapAfter.filter { $0 }.count, 1)
        XCTAssertNotNil(stacks["varying tilt"]?.geometry.sliceStack)
        XCTAssertNil(stacks["constant tilt"]?.geometry.sliceStack)
        XCTAssertEqual(stacks["constant tilt"]?.geometry.shearDegrees ?? 0, atan(0.5 / 2) * 180 / .pi, accuracy: 1e-6)
        XCTAssertNil(stacks["jitter"]?.geometry.sliceStack)
    }

    func testTheViewThroughEachSlicesOwnPlaneIsThatSlice() async throws {
        let engine = TestEngine.shared
        for (name, stack) in try Self.cases() {
            let d = stack.geometry.dimensions
            for k in 0..<d.z {
                let frame = try await engine.render(stack.slicePlane(k, window: window), of: stack.volume)
                assertFrame(frame, width: d.x, height: d.y, equals: { c, r in self.window.apply(stack.stored(c, r, k)) }, "\(name) slice \(k)")
            }
        }
    }

    func testCoronalAndSagittalViewsMatchThePatientSpaceReference() async throws {
        let engine = TestEngine.shared
        for (name, stack) in try Self.cases() {
            let g = stack.geometry
            let centre = g.sliceWorld(19.3, 17.6, slice: g.dimensions.z / 2)
            let planes: [(String, PlaneSpec)] = [("coronal", .coronal(centre: centre)), ("sagittal", .sagittal(centre: centre)),
                                                 ("oblique", PlaneSpec.coronal(centre: centre).rotated(by: 0.4, about: Vector3(0, 0, 1)))]
            for (planeName, plane) in planes {
                for sampling in [Sampling.nearest, .linear] {
                    let view = MPRView(plane: plane, width: 64, height: 56, pixelSpacing: 0.7, window: window, sampling: sampling)
                    let frame = try await engine.render(view, of: stack.volume)
                    var off = 0, worst = 0, filled = 0
                    for r in 0..<view.height { for c in 0..<view.width {
                        let want = Int(stack.reference(view, c, r)), got = Int(frame.grey(c, r))
                        if want > 0 { filled += 1 }
                        let diff = abs(want - got)
                        worst = max(worst, diff)
                        if diff > (sampling == .nearest ? 0 : 1) { off += 1 }
                    } }
                    let label = "\(name) \(planeName) \(sampling)"
                    XCTAssertGreaterThan(filled, view.width * view.height / 4, "\(label): the view must cut through the stack")
                    // Exact for nearest but where a pixel centre lies on a rounding edge; within a level for linear.
                    XCTAssertLessThanOrEqual(Double(off), 0.001 * Double(view.width * view.height), "\(label): \(off) pixels off, worst \(worst)")
                }
            }
        }
    }

    func testTheGapIsEmptyNotInterpolated() async throws {
        let stacks = Dictionary(uniqueKeysWithValues: try Self.cases())
        let stack = try XCTUnwrap(stacks["gap"])
        // Slices at z = -20 … -10 and -4 … 6: the gap is -10 … -4; each side reaches 1 mm (half the 2 mm step).
        let view = MPRView(plane: .coronal(centre: Vector3(0, 0, -7)), width: 40, height: 20, pixelSpacing: 1, window: VOIWindow(centre: -0.5, width: 1), sampling: .linear)
        let frame = try await TestEngine.shared.render(view, of: stack.volume)
        // Row r samples z = 2.5 − r: rows 8…11 (z −5.5 … −8.5) lie more than 1 mm from both sides of the gap.
        for r in 8...11 { XCTAssertEqual((0..<40).map { frame.grey($0, r) }.max(), 0, "row \(r) lies in the gap") }
        for r in [0, 6, 7, 12, 13, 19] { XCTAssertEqual((0..<40).map { frame.grey($0, r) }.min(), 255, "row \(r) holds a slice") }
    }

    func testMIPAlongTheSlicesIsTheirMaximumWithAndWithoutSkipping() async throws {
        let engine = TestEngine.shared
        let pattern = { (i: Int, j: Int, k: Int) in Double(((i * 37 + j * 11 + k * 53) % 91) * 7) }
        for (name, z) in [("uneven", Self.unevenZ), ("gap", Array(Self.unevenZ[0...5] + Self.unevenZ[9...]))] {
            let stack = try IrregularStack(positions: Self.positions(z), stored: pattern)
            let g = stack.geometry
            XCTAssertNotNil(g.sliceStack, name)
            let d = g.dimensions
            let centre = g.sliceWorld(Double(d.x - 1) / 2, Double(d.y - 1) / 2, slice: 0)
            // Seen from the feet along the slices: rays along +z through every slice.
            var view = MIPView(plane: .axial(centre: Vector3(centre.x, centre.y, 0)), width: d.x, height: d.y, pixelSpacing: 1, window: window, sampling: .nearest)
            let skipped = try await engine.render(view, of: stack.volume)
            view.emptySpaceSkipping = false
            let full = try await engine.render(view, of: stack.volume)
            XCTAssertEqual(skipped.samples8, full.samples8, "\(name): skipping changed the MIP")
            // Axial from the feet: screen right = +x (i), screen down = +y (j).
            assertFrame(skipped, width: d.x, height: d.y, equals: { c, r in
                self.window.apply((0..<d.z).map { pattern(c, r, $0) }.max()!)
            }, "\(name) MIP")
        }
    }
}
