import Render
import XCTest

final class ColormapTests: XCTestCase {
    func testPresetsHave256EntriesAndTheirEnds() {
        for map in Colormap.presets { XCTAssertEqual(map.entries.count, 256, map.name) }
        XCTAssertEqual(Colormap.hotIron[0], .init(r: 0, g: 0, b: 0))
        XCTAssertEqual(Colormap.hotIron[128], .init(r: 255, g: 1, b: 0), "red reached at the middle, green just starting")
        XCTAssertEqual(Colormap.hotIron[255], .init(r: 255, g: 255, b: 255))
        XCTAssertEqual(Colormap.invertedGrey[0], .init(r: 255, g: 255, b: 255))
        XCTAssertEqual(Colormap.invertedGrey[255], .init(r: 0, g: 0, b: 0))
        XCTAssertEqual(Colormap.pet[0], .init(r: 0, g: 0, b: 0))
        XCTAssertEqual(Colormap.pet[255], .init(r: 255, g: 255, b: 255))
        for n in 0..<256 { XCTAssertEqual(Colormap.grey[n], .init(r: UInt8(n), g: UInt8(n), b: UInt8(n)), "grey is the identity") }
        XCTAssertEqual(Colormap.grey[-5], Colormap.grey[0], "indices clamp")
    }

    func testHotIronNeverDarkensAsItRises() {
        let sums = Colormap.hotIron.entries.map { Int($0.r) + Int($0.g) + Int($0.b) }
        XCTAssertEqual(sums, sums.sorted())
    }

    func testTablesMustHave256Entries() {
        XCTAssertNil(Colormap(name: "short", entries: Array(repeating: .init(r: 1, g: 2, b: 3), count: 10)))
    }

    func testPETWindowIndexRoundsHalfUpAndClamps() {
        let w = PETWindow(lower: 0, upper: 25.5)
        XCTAssertEqual(w.index(-1), 0)
        XCTAssertEqual(w.index(0.3), 3)
        XCTAssertEqual(w.index(0.349), 3)
        XCTAssertEqual(w.index(0.351), 4)
        XCTAssertEqual(w.index(99), 255)
    }

    func testPETWindowAsVOIWindowCoversTheSameStoredRange() {
        let voi = PETWindow.suv0to6.voiWindow(unitFactor: 1e-3)  // 1 SUV = 1000 stored
        XCTAssertEqual(voi.lower, 0, accuracy: 1e-9)
        XCTAssertEqual(voi.apply(0), 0)
        XCTAssertEqual(voi.apply(6001), 255)
        XCTAssertEqual(voi.apply(3000.5), 128)
    }
}
