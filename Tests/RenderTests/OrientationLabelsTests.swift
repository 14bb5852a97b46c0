import Raster
import Render
import Volume
import XCTest

final class OrientationLabelsTests: XCTestCase {
    func testNamedPlanesFollowTheRadiologicalConvention() {
        let axial = OrientationLabels(plane: .axial(centre: .zero))
        XCTAssertEqual([axial.left, axial.right, axial.top, axial.bottom], ["R", "L", "A", "P"])
        let coronal = OrientationLabels(plane: .coronal(centre: .zero))
        XCTAssertEqual([coronal.left, coronal.right, coronal.top, coronal.bottom], ["R", "L", "S", "I"])
        let sagittal = OrientationLabels(plane: .sagittal(centre: .zero))
        XCTAssertEqual([sagittal.left, sagittal.right, sagittal.top, sagittal.bottom], ["A", "P", "S", "I"])
    }

    func testObliqueDirectionsGetSeveralLetters() {
        let turned = OrientationLabels(plane: PlaneSpec.axial(centre: .zero).rotated(by: .pi / 6, about: Vector3(0, 0, 1)))
        XCTAssertEqual(turned.right, "LP", "30° from Left towards Posterior")
        XCTAssertEqual(turned.top, "AL")
        XCTAssertEqual(OrientationLabels.letters(for: Vector3(0.1, -0.2, 1)), "S")
    }

    func testDrawingPutsTheTopLetterAtTheTopCentre() throws {
        var frame = Frame(width: 64, height: 64, format: .rgba8)
        OrientationLabels(plane: .axial(centre: .zero)).draw(into: &frame, scale: 2, margin: 4)
        // "A" (5×7 at scale 2 = 10×14) spans x 27…36, y 4…17; the glyph's top row lights its middle.
        let lit = (27...36).contains { x in (4...17).contains { y in frame.pixel(x: x, y: y)?.r == 255 } }
        XCTAssertTrue(lit)
        XCTAssertEqual(frame.pixel(x: 31, y: 30)?.r, 0, "the centre stays untouched")
    }
}
