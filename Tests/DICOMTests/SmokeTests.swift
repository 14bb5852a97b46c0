import XCTest

final class DICOMSmokeTests: XCTestCase {
    func testTargetBuilds() { XCTAssertTrue(true) }
}
