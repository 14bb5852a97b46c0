import Foundation
import XCTest
import Volume

/// `ParallelMap` keeps order and releases what it produced: every result is freed once the caller drops the
/// array (a missing deinitialize once leaked each series' headers in the thumbnails job).
final class ParallelMapTests: XCTestCase {
    final class Tracked: @unchecked Sendable {
        static let lock = NSLock()
        nonisolated(unsafe) static var live = 0
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.lock.withLock { Self.live += 1 }
        }
        deinit { Self.lock.withLock { Self.live -= 1 } }
    }

    func testResultsKeepOrderAndAreFreedWithTheArray() {
        let before = Tracked.lock.withLock { Tracked.live }
        do {
            let results = ParallelMap.map(Array(0..<1_000)) { Tracked($0 * 2) }
            XCTAssertEqual(results.map(\.value), (0..<1_000).map { $0 * 2 })
            XCTAssertEqual(Tracked.lock.withLock { Tracked.live }, before + 1_000)
        }
        XCTAssertEqual(Tracked.lock.withLock { Tracked.live }, before, "results of ParallelMap.map were not freed")
    }
}
