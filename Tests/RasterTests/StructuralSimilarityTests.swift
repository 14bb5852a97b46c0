import Foundation
import Raster
import XCTest

/// SSIM and ignore masks against exact oracles: identical images, flat images (σ = 0, so SSIM is the luminance term
/// alone), and differences that lie only inside ignored pixels.
final class StructuralSimilarityTests: XCTestCase {
    func testIdenticalImagesHaveSSIMOne() throws {
        let frame = try Frame.texturedPattern(width: 40, height: 30, seed: 7)
        XCTAssertEqual(try ImageComparison.compare(expected: frame, actual: frame, tolerance: 0).ssim, 1)
    }

    func testFlatImagesGiveTheLuminanceTerm() throws {
        // σx = σy = σxy = 0 everywhere: SSIM = (2ab + C1) / (a² + b² + C1) per colour channel (opaque: alpha is not
        // measured). The window moments are Float32 sums, E[x²] − μ² leaves about 1e-5.
        var e = Frame(width: 24, height: 20, format: .rgba8), a = e
        e.fill(PixelRect(x: 0, y: 0, width: 24, height: 20), color: (r: 100, g: 100, b: 100, a: 255))
        a.fill(PixelRect(x: 0, y: 0, width: 24, height: 20), color: (r: 140, g: 100, b: 60, a: 255))
        func luminance(_ p: Double, _ q: Double) -> Double {
            let x = p / 255, y = q / 255, c1 = 0.0001
            return (2 * x * y + c1) / (x * x + y * y + c1)
        }
        let expected = (luminance(100, 140) + 1 + luminance(100, 60)) / 3
        XCTAssertEqual(try ImageComparison.compare(expected: e, actual: a, tolerance: 0).ssim, expected, accuracy: 2e-5)
    }

    func testSSIMFallsWithNoiseAndIsSymmetric() throws {
        let e = try Frame.texturedPattern(width: 64, height: 48, seed: 1), a = try Frame.texturedPattern(width: 64, height: 48, seed: 2)
        let forward = try ImageComparison.compare(expected: e, actual: a, tolerance: 0).ssim
        let backward = try ImageComparison.compare(expected: a, actual: e, tolerance: 0).ssim
        XCTAssertLessThan(forward, 0.99)
        XCTAssertEqual(forward, backward, accuracy: 1e-6)
    }

    func testDifferencesInsideIgnoredPixelsCountInNoPixelMetric() throws {
        let e = try Frame.texturedPattern(width: 32, height: 32, seed: 3)
        var a = e
        a.fill(PixelRect(x: 10, y: 12, width: 5, height: 4), color: (r: 255, g: 0, b: 0, a: 255))
        let plain = try ImageComparison.compare(expected: e, actual: a, tolerance: 0)
        XCTAssertEqual(plain.pixelsAboveTolerance, 20)
        let mask = IgnoreMask(width: 32, height: 32, rects: [PixelRect(x: 10, y: 12, width: 5, height: 4)])
        let masked = try ImageComparison.compare(expected: e, actual: a, tolerance: 0, ignoring: mask)
        XCTAssertEqual([masked.pixelsAboveTolerance, masked.maxAbsoluteDifference, masked.ignoredPixels], [0, 0, 20])
        XCTAssertEqual(masked.psnr, .infinity)
        XCTAssertGreaterThan(masked.ssim, plain.ssim, "pixels whose windows see the change still count, the changed ones do not")
    }

    func testAMaskImageMarksPixelsThatAreNeitherBlackNorTransparent() throws {
        var mask = Frame(width: 4, height: 1, format: .rgba8)
        mask.fill(PixelRect(x: 1, y: 0, width: 1, height: 1), color: (r: 255, g: 255, b: 255, a: 255))
        mask.fill(PixelRect(x: 2, y: 0, width: 1, height: 1), color: (r: 0, g: 0, b: 0, a: 255))
        mask.fill(PixelRect(x: 3, y: 0, width: 1, height: 1), color: (r: 9, g: 0, b: 0, a: 10))
        XCTAssertEqual(IgnoreMask(image: mask).ignored, [false, true, false, true])
        let gray = try Frame(width: 3, height: 1, gray8: [0, 1, 255])
        XCTAssertEqual(IgnoreMask(image: gray).ignored, [false, true, true])
    }

    func testAMaskOfAnotherSizeIsRefusedNamingIt() throws {
        let frame = Frame(width: 8, height: 8, format: .gray8)
        XCTAssertThrowsError(try ImageComparison.compare(expected: frame, actual: frame, tolerance: 0,
                                                         ignoring: IgnoreMask(width: 4, height: 4), maskName: "m.png")) { error in
            XCTAssertEqual(error as? RasterError, .maskSizeMismatch(name: "m.png", maskWidth: 4, maskHeight: 4, width: 8, height: 8))
        }
    }
}
