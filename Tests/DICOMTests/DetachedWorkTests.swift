@testable import DICOM
import Foundation
import XCTest

/// The deadline that keeps an uninterruptible decoder (CharLS 2.4.1 on some corrupt JPEG-LS streams,
/// Fuzz/KnownSlow/jpegls-charls-endless-loop.dcm) from stalling a job.
final class DetachedWorkTests: XCTestCase {
    func testWorkThatFinishesInTimeGivesItsValue() {
        XCTAssertEqual(DetachedWork.run(seconds: 5) { 6 * 7 }, 42)
    }

    func testWorkPastTheDeadlineIsAbandoned() {
        // Sleeps rather than spins, so the abandoned thread costs no CPU while the suite goes on.
        let value = DetachedWork.run(seconds: 0.2) { () -> Int in
            Thread.sleep(forTimeInterval: 3)
            return 1
        }
        XCTAssertNil(value)
    }

    func testCharLSDeadlineGrowsWithTheFrame() {
        XCTAssertEqual(CharLSDecoder.deadline(for: 0), 2)
        XCTAssertEqual(CharLSDecoder.deadline(for: 100_000_000), 12)
    }
}
