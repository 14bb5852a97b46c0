import Raster
@testable import Render
import Volume
import XCTest

final class OrientationLabelsTests: XCTestCase {
    func testNamedPlanesFollowTheRadiologicalConvention() {
        let axial = OrientationLetters.letters(of: .axial(centre: .zero))
        XCTAssertEqual([axial.left, axial.right, axial.top, axial.bottom], ["R", "L", "A", "P"])
        let coronal = OrientationLetters.letters(of: .coronal(centre: .zero))
        XCTAssertEqual([coronal.left, coronal.right, coronal.top, coronal.bottom], ["R", "L", "S", "I"])
        let sagittal = OrientationLetters.letters(of: .sagittal(centre: .zero))
        XCTAssertEqual([sagittal.left, sagittal.right, sagittal.top, sagittal.bottom], ["A", "P", "S", "I"])
    }

    func testObliqueDirectionsGetSeveralLetters() {
        let turned = OrientationLetters.letters(of: PlaneSpec.axial(centre: .zero).rotated(by: .pi / 6, about: Vector3(0, 0, 1)))
        XCTAssertEqual(turned.right, "LP", "30° from Left towards Posterior")
        XCTAssertEqual(turned.top, "AL")
        XCTAssertEqual(AnatomicalOrientation.letters(Vector3(0.1, -0.2, 1)), "S")
    }
}
