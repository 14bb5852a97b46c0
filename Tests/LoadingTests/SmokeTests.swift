import XCTest

final class LoadingSmokeTests: XCTestCase {
    func testTargetBuilds() { XCTAssertTrue(true) }
}
