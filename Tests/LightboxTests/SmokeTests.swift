import XCTest

final class LightboxSmokeTests: XCTestCase {
    func testTargetBuilds() { XCTAssertTrue(true) }
}
