import XCTest

final class RasterSmokeTests: XCTestCase {
    func testTargetBuilds() { XCTAssertTrue(true) }
}
