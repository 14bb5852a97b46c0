import Foundation
import Raster
import XCTest

final class AtomicWriteTests: XCTestCase {
    func testWriteCreatesFolderAndLeavesNoTemporaryFiles() throws {
        let folder = try Fixtures.scratchFolder(self)
        let url = folder.appendingPathComponent("a/b/c/axial.png")
        try PNGCodec.write(Fixtures.grayGradient(width: 8, height: 8), to: url)
        let parent = url.deletingLastPathComponent().path
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), ["axial.png"])
    }

    func testOverwriteReplacesTheWholeFile() throws {
        let folder = try Fixtures.scratchFolder(self)
        let url = folder.appendingPathComponent("frame.png")
        try PNGCodec.write(Fixtures.colorGradient(width: 64, height: 64), to: url)
        let small = try Fixtures.grayGradient(width: 3, height: 2)
        try PNGCodec.write(small, to: url)
        XCTAssertEqual(try PNGCodec.read(contentsOf: url), small)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["frame.png"])
    }

    func testUnwritableDestinationIsATypedErrorAndCleansUp() throws {
        let folder = try Fixtures.scratchFolder(self)
        // A regular file where the parent folder should be: the folder cannot be created.
        let blocker = folder.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        let url = blocker.appendingPathComponent("out.png")
        XCTAssertThrowsError(try PNGCodec.write(Fixtures.grayGradient(width: 2, height: 2), to: url)) { error in
            guard case .writeFailed(let path, _)? = error as? RasterError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, url.path)
        }
        // A folder where the file should be: rename fails, the temporary file must not remain.
        let occupied = folder.appendingPathComponent("occupied.png")
        try FileManager.default.createDirectory(at: occupied.appendingPathComponent("child"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try PNGCodec.write(Fixtures.grayGradient(width: 2, height: 2), to: occupied))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["blocker", "occupied.png"])
    }
}
