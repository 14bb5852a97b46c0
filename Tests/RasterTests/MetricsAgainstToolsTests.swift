import Foundation
import Raster
import TestSupport
import XCTest

/// PSNR against ImageMagick 6's `compare -metric PSNR`, SSIM against scikit-image (away from the border) and a
/// scipy Gaussian filter with repeated edges (every pixel), on the same PNG files, within 1e-3.
final class MetricsAgainstToolsTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// Pairs like renders and like goldens that drifted: noise, a shifted gradient, a local change, gray.
    private func pairs() throws -> [(name: String, expected: Frame, actual: Frame, opaque: Bool)] {
        let noiseA = try Frame.texturedPattern(width: 96, height: 80, seed: 11), noiseB = try Frame.texturedPattern(width: 96, height: 80, seed: 12)
        var spot = noiseA
        spot.fill(PixelRect(x: 30, y: 20, width: 12, height: 9), color: (r: 250, g: 40, b: 40, a: 255))
        var ramp = [UInt8](), brighter = [UInt8]()
        for y in 0..<64 {
            for x in 0..<72 {
                let v = (x * 3 + y * 2) % 256
                ramp.append(UInt8(v))
                brighter.append(UInt8(min(255, v + (x * y) % 9)))
            }
        }
        var translucent = try Frame.texturedPattern(width: 40, height: 40, seed: 5)
        translucent.fill(PixelRect(x: 0, y: 0, width: 20, height: 40), color: (r: 10, g: 200, b: 30, a: 120))
        return [("noise", noiseA, noiseB, true), ("spot", noiseA, spot, true),
                ("gray", try Frame(width: 72, height: 64, gray8: ramp), try Frame(width: 72, height: 64, gray8: brighter), true),
                ("alpha", try Frame.texturedPattern(width: 40, height: 40, seed: 5), translucent, false)]
    }

    func testPSNRMatchesImageMagick() throws {
        let compare = try ExternalTool.require("compare", package: "imagemagick")
        for pair in try pairs() where pair.opaque {
            let (e, a) = try write(pair)
            let ours = try ImageComparison.compare(expected: pair.expected, actual: pair.actual, tolerance: 0).psnr
            let output = try ExternalTool.run(compare, ["-precision", "15", "-metric", "PSNR", e.path, a.path, "null:"])
            let theirs = try XCTUnwrap(Double(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)), "compare said: \(output.stderr)")
            XCTAssertEqual(ours, theirs, accuracy: 1e-3, pair.name)
        }
    }

    func testSSIMMatchesScikitImageAndTheEdgeDefinition() throws {
        let python = try ExternalTool.referencePython()
        let script = ExternalTool.packageRoot.appendingPathComponent("scripts/ssim-reference.py")
        for pair in try pairs() {
            let (e, a) = try write(pair)
            let output = try ExternalTool.run(python, [script.path, e.path, a.path])
            XCTAssertEqual(output.status, 0, output.stderr)
            let reference = try JSONDecoder().decode([String: Double].self, from: Data(output.stdout.utf8))
            let w = pair.expected.width, h = pair.expected.height
            let border = IgnoreMask(width: w, height: h, rects: [
                PixelRect(x: 0, y: 0, width: w, height: 5), PixelRect(x: 0, y: h - 5, width: w, height: 5),
                PixelRect(x: 0, y: 0, width: 5, height: h), PixelRect(x: w - 5, y: 0, width: 5, height: h)])
            let interior = try ImageComparison.compare(expected: pair.expected, actual: pair.actual, tolerance: 0, ignoring: border).ssim
            let edge = try ImageComparison.compare(expected: pair.expected, actual: pair.actual, tolerance: 0).ssim
            XCTAssertEqual(interior, try XCTUnwrap(reference["interior"]), accuracy: 1e-3, "\(pair.name) interior")
            XCTAssertEqual(edge, try XCTUnwrap(reference["edge"]), accuracy: 1e-3, "\(pair.name) with edges")
            print("SSIM \(pair.name): ours \(edge) / \(interior), reference \(reference)")
        }
    }

    private func write(_ pair: (name: String, expected: Frame, actual: Frame, opaque: Bool)) throws -> (URL, URL) {
        let e = folder.appendingPathComponent("\(pair.name)-expected.png"), a = folder.appendingPathComponent("\(pair.name)-actual.png")
        try PNGCodec.write(pair.expected, to: e)
        try PNGCodec.write(pair.actual, to: a)
        return (e, a)
    }
}
