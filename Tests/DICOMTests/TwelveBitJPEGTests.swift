@testable import DICOM
import Foundation
import XCTest

/// 12-bit JPEG (Process 4, 1.2.840.10008.1.2.4.51) decoded in Swift against DCMTK: dcmcjpeg recompresses real
/// 12-bit CT and MR with several options, dcmdjpeg decodes them (DCMTK's ijg12), and Lightbox's samples must be
/// within ±1 of DCMTK's with a mean absolute difference of at most 0.05 (observed: identical on every fixture).
/// Damaged streams give typed errors.
final class TwelveBitJPEGTests: XCTestCase {
    /// dcmcjpeg options that give 12-bit streams: extended sequential at several qualities, smoothing, forced 12 bits.
    private static let options: [[String]] = [
        ["+ee"], ["+ee", "+q", "50"], ["+ee", "+q", "100"], ["+ee", "+q", "75", "+sm", "30"], ["+ee", "+bt", "+q", "95"],
    ]

    private func sources() throws -> [URL] {
        [try DCMTK.twelveBitCT("ge-ct-gantry-tilt/01.dcm"), try DCMTK.twelveBitCT("ge-ct-gantry-tilt/20.dcm"),
         try DCMTK.realFile("mr-t1-sag-HFS/" + (try JPEGLSTests.middle("mr-t1-sag-HFS"))),
         try DCMTK.realFile("mr-t1-sag-HFP/" + (try JPEGLSTests.middle("mr-t1-sag-HFP")))]
    }

    func testDCMTKTwelveBitEncodingsOfRealCTAndMRMatchDcmdjpeg() throws {
        for source in try sources() {
            for (index, option) in Self.options.enumerated() {
                let name = "\(source.deletingPathExtension().lastPathComponent)-j12-\(index).dcm"
                let compressedURL = try DCMTK.convert("dcmcjpeg", option, input: source, name: name)
                let referenceURL = try DCMTK.convert("dcmdjpeg", [], input: compressedURL, name: "ref-" + name)
                let compressed = try DICOMFile.read(contentsOf: compressedURL)
                XCTAssertEqual(compressed.transferSyntax, .jpegExtended, name)
                let header = try XCTUnwrap(JPEGMarkers.frameHeader(try compressed.encapsulatedFrame(0)), name)
                XCTAssertEqual(header.precision, 12, name)
                let ours = try compressed.decodePixels().storage
                let reference = try DICOMFile.read(contentsOf: referenceURL).decodePixels().storage
                XCTAssertEqual(ours.count, reference.count, name)
                var worst = 0.0, total = 0.0
                for i in 0..<min(ours.count, reference.count) {
                    let difference = abs(ours.value(at: i) - reference.value(at: i))
                    worst = max(worst, difference)
                    total += difference
                }
                XCTAssertLessThanOrEqual(worst, 1, "\(name) \(option): largest difference")
                XCTAssertLessThanOrEqual(total / Double(ours.count), 0.05, "\(name) \(option): mean difference")
            }
        }
    }

    func testTruncatedAndBitFlippedTwelveBitStreamsGiveTypedErrors() throws {
        let source = try DCMTK.realFile("mr-t1-sag-HFS/" + (try JPEGLSTests.middle("mr-t1-sag-HFS")))
        let file = try DICOMFile.read(contentsOf: try DCMTK.convert("dcmcjpeg", ["+ee"], input: source, name: "damage-j12.dcm"))
        let d = try file.pixelDescription()
        let frame = try file.encapsulatedFrame(0)
        let decoder = try XCTUnwrap(FrameDecoders.decoder(for: .jpegExtended))
        var buffer = [UInt8](repeating: 0, count: d.decodedBytesPerFrame)
        func decode(_ bytes: Data) throws {
            try buffer.withUnsafeMutableBytes { out in
                try decoder.decode(bytes, description: d, frameIndex: 0, fileName: "damaged", into: out)
            }
        }
        XCTAssertNoThrow(try decode(frame))
        assertDamagedFramesFail(frame, cuts: 41, flips: 60, seed: 5, decode)
    }
}
