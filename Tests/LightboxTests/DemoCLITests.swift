import Foundation
import Raster
import XCTest

/// End-to-end: `lightbox demo` writes the whole-body study, streams it and writes the fusion, progressive and strip frames.
final class DemoCLITests: XCTestCase {
    func testDemoWritesItsFrames() throws {
        let folder = CLI.temporaryFolder("demo")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["demo", "--out", folder.path, "--size", "512x320", "--progressive", "50"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let fusion = try PNGCodec.read(contentsOf: folder.appendingPathComponent("fusion.png"))
        XCTAssertEqual([fusion.width, fusion.height], [512, 320])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("fusion-050.png").path), "progressive frame")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("stream.png").path), "strip of frames")
        XCTAssertTrue(result.stdout.contains("PET shown in SUVbw"), result.stdout)
    }
}
