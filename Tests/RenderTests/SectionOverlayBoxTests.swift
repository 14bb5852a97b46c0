@testable import Render
import Volume
import XCTest

/// The scissor box of the one-pass segmentation overlay (`SectionOverlay.screenBox`) against every pixel: it holds each
/// pixel whose nearest voxel lies in the labelled box, and hugs them (at most a few pixels more on each side).
final class SectionOverlayBoxTests: XCTestCase {
    let geometry = VolumeGeometry(
        dimensions: SIMD3(64, 64, 40), spacing: Vector3(1, 1, 2), origin: Vector3(0, 0, 0),
        iDirection: Vector3(1, 0, 0), jDirection: Vector3(0, 1, 0), kDirection: Vector3(0, 0, 1))
    let box = (lo: SIMD3(20, 12, 10), hi: SIMD3(35, 40, 25))

    /// The smallest and largest pixel (inclusive) whose nearest voxel lies in `box`, found pixel by pixel; nil for none.
    func pixelsInBox(_ m: ViewMapping, size: SIMD2<Int>) -> (lo: SIMD2<Int>, hi: SIMD2<Int>)? {
        var lo = size, hi = SIMD2(-1, -1)
        for y in 0..<size.y { for x in 0..<size.x {
            let p = m.origin + m.dx * (Double(x) + 0.5) + m.dy * (Double(y) + 0.5)
            let i = SIMD3(Int((p.x + 0.5).rounded(.down)), Int((p.y + 0.5).rounded(.down)), Int((p.z + 0.5).rounded(.down)))
            if all(i .>= box.lo), all(i .<= box.hi) {
                lo = pointwiseMin(lo, SIMD2(x, y))
                hi = pointwiseMax(hi, SIMD2(x, y))
            }
        } }
        return hi.x < 0 ? nil : (lo, hi)
    }

    func testTheBoxHoldsEveryPixelOfTheLabelledVoxelsAndHugsThem() {
        let centre = geometry.world(31.5, 31.5, 17)
        let planes = [("axial", PlaneSpec.axial(centre: centre)), ("oblique", PlaneSpec.axial(centre: centre).rotated(by: 0.5, about: Vector3(1, 1, 0))),
                      ("coronal-ish", PlaneSpec.axial(centre: centre).rotated(by: 1.3, about: Vector3(1, 0.2, 0)))]
        for (name, plane) in planes {
            let size = SIMD2(90, 70)
            let m = ViewMapping(plane: plane, width: size.x, height: size.y, pixelSpacing: 0.9, space: SamplingSpace(geometry))
            guard let want = pixelsInBox(m, size: size) else { return XCTFail("\(name): the plane misses the box") }
            guard let got = SectionOverlay.screenBox(m, box: box, viewSize: size) else { return XCTFail("\(name): no scissor box") }
            XCTAssertTrue(all(got.lo .<= want.lo) && all(got.hi .> want.hi), "\(name): \(got) leaves out pixels of \(want)")
            XCTAssertTrue(all(got.lo .>= pointwiseMax(want.lo &- 5, .zero)) && all(got.hi .<= pointwiseMin(want.hi &+ 6, size)),
                          "\(name): \(got) is much wider than \(want)")
        }
    }

    func testAPlaneThatMissesTheBoxDrawsNothing() {
        let m = ViewMapping(plane: .axial(centre: geometry.world(31.5, 31.5, 35)), width: 64, height: 64, pixelSpacing: 1, space: SamplingSpace(geometry))
        XCTAssertNil(SectionOverlay.screenBox(m, box: box, viewSize: SIMD2(64, 64)))
        XCTAssertNil(SectionOverlay.screenBox(m, box: nil, viewSize: SIMD2(64, 64)))
    }

    /// Native-resolution axial views take the texel bits alone, finer grid-aligned views find the neighbour's voxel
    /// from its position, others read the neighbours.
    func testTheNeighbourTestFollowsTheViewsSteps() {
        let centre = geometry.world(31.5, 31.5, 17)
        func test(_ plane: PlaneSpec, spacing: Double) -> SectionOverlay.NeighbourTest {
            SectionOverlay.neighbourTest(ViewMapping(plane: plane, width: 64, height: 64, pixelSpacing: spacing, space: SamplingSpace(geometry)))
        }
        XCTAssertEqual(test(.axial(centre: centre), spacing: 1), .unit(x: 0, y: 1))
        XCTAssertEqual(test(.axial(centre: geometry.world(31.5, 31.5, 16.5)), spacing: 1), .unit(x: 0, y: 1), "halfway between two slices")
        XCTAssertEqual(test(.axial(centre: centre), spacing: 0.5), .grid(x: 0, y: 1))
        XCTAssertEqual(test(.axial(centre: geometry.world(31.25, 31.5, 17)), spacing: 1), .read, "a whole voxel a pixel off the centres")
        XCTAssertEqual(test(.axial(centre: geometry.world(31.25, 31.5, 17)), spacing: 0.9), .grid(x: 0, y: 1), "off the centres")
        XCTAssertEqual(test(.coronal(centre: centre), spacing: 0.9), .grid(x: 0, y: 2), "under half a 2 mm slice a pixel")
        XCTAssertEqual(test(.axial(centre: centre), spacing: 1.5), .read, "more than a voxel a pixel")
        XCTAssertEqual(test(.axial(centre: centre).rotated(by: 0.5, about: Vector3(1, 1, 0)), spacing: 1), .read)
    }
}
