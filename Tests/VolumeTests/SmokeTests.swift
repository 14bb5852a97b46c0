import XCTest

final class VolumeSmokeTests: XCTestCase {
    func testTargetBuilds() { XCTAssertTrue(true) }
}
