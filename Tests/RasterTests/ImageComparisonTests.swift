import Foundation
import Raster
import XCTest

final class ImageComparisonTests: XCTestCase {
    private func flat(_ value: UInt8, width: Int = 10, height: Int = 10) throws -> Frame {
        try Frame(width: width, height: height, gray8: [UInt8](repeating: value, count: width * height))
    }

    func testIdenticalFramesHaveZeroDifferenceAndInfinitePSNR() throws {
        let frame = try Fixtures.colorGradient(width: 16, height: 16)
        let difference = try ImageComparison.compare(expected: frame, actual: frame, tolerance: 0)
        XCTAssertEqual(difference.maxAbsoluteDifference, 0)
        XCTAssertEqual(difference.meanAbsoluteDifference, 0)
        XCTAssertEqual(difference.pixelsAboveTolerance, 0)
        XCTAssertEqual(difference.psnr, .infinity)
        XCTAssertTrue(difference.isWithinTolerance)
    }

    func testOnePixelChangedByTen() throws {
        let expected = try flat(100)
        var samples = expected.samples8
        samples[3 * 10 + 4] = 110
        let actual = try Frame(width: 10, height: 10, gray8: samples)
        let loose = try ImageComparison.compare(expected: expected, actual: actual, tolerance: 10)
        XCTAssertEqual(loose.maxAbsoluteDifference, 10)
        XCTAssertEqual(loose.pixelsAboveTolerance, 0)
        let strict = try ImageComparison.compare(expected: expected, actual: actual, tolerance: 5)
        XCTAssertEqual(strict.pixelsAboveTolerance, 1)
        XCTAssertEqual(strict.fractionAboveTolerance, 0.01, accuracy: 1e-12)
        XCTAssertEqual(strict.meanAbsoluteDifference, 0.1, accuracy: 1e-12)
        // MSE = 10² / 100 = 1, so PSNR = 10·log10(255² / 1) = 48.1308...
        XCTAssertEqual(strict.psnr, 48.130803608679, accuracy: 1e-9)
        XCTAssertEqual(strict.width, 10)
        XCTAssertEqual(strict.height, 10)
    }

    func testPerPixelDifferenceIsMaxOverChannelsAndGrayIsComparedAsRGBA() throws {
        let gray = try flat(50, width: 1, height: 1)
        let color = try Frame(width: 1, height: 1, rgba8: [53, 50, 70, 255])
        let difference = try ImageComparison.compare(expected: gray, actual: color, tolerance: 0)
        XCTAssertEqual(difference.maxAbsoluteDifference, 20)
        XCTAssertEqual(difference.pixelsAboveTolerance, 1)
    }

    func testGray16IsComparedIn16BitUnits() throws {
        let a = try Frame(width: 2, height: 1, gray16: [1000, 2000])
        let b = try Frame(width: 2, height: 1, gray16: [1000, 2300])
        XCTAssertEqual(try ImageComparison.compare(expected: a, actual: b, tolerance: 0).maxAbsoluteDifference, 300)
    }

    func testSizeMismatchNamesBothSizes() throws {
        XCTAssertThrowsError(try ImageComparison.compare(expected: flat(0, width: 512, height: 512),
                                                         actual: flat(0, width: 256, height: 256), tolerance: 0)) { error in
            XCTAssertEqual("\(error)", "size mismatch: expected 512×512, actual 256×256")
        }
        XCTAssertThrowsError(try ImageComparison.diffImage(expected: flat(0, width: 2, height: 2),
                                                           actual: flat(0, width: 2, height: 3), tolerance: 0))
    }

    func testDifferenceCodableWritesNullForInfinitePSNR() throws {
        let same = try ImageComparison.compare(expected: flat(7), actual: flat(7), tolerance: 1)
        let json = String(decoding: try JSONEncoder().encode(same), as: UTF8.self)
        XCTAssertTrue(json.contains("\"psnr\":null"), json)
        XCTAssertEqual(try JSONDecoder().decode(ImageDifference.self, from: Data(json.utf8)), same)
        let other = try ImageComparison.compare(expected: flat(7), actual: flat(9), tolerance: 1)
        XCTAssertEqual(try JSONDecoder().decode(ImageDifference.self, from: JSONEncoder().encode(other)), other)
    }

    func testDiffImageColours() throws {
        let expected = try flat(100, width: 3, height: 1)
        let actual = try Frame(width: 3, height: 1, gray8: [100, 103, 140])
        let diff = try ImageComparison.diffImage(expected: expected, actual: actual, tolerance: 5)
        XCTAssertEqual(diff.format, .rgba8)
        XCTAssertEqual(diff.pixel(x: 0, y: 0), Pixel(r: 30, g: 30, b: 30, a: 255))    // dimmed ~30 %
        XCTAssertEqual(diff.pixel(x: 1, y: 0), Pixel(r: 255, g: 255, b: 0, a: 255))   // within tolerance: yellow
        XCTAssertEqual(diff.pixel(x: 2, y: 0), Pixel(r: 255, g: 0, b: 0, a: 255))     // largest difference: full red
    }
}
