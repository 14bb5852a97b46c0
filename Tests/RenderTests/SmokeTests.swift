import XCTest

final class RenderSmokeTests: XCTestCase {
    func testTargetBuilds() { XCTAssertTrue(true) }
}
