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
}
