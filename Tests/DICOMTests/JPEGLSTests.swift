@testable import DICOM
import Foundation
import XCTest

/// The Swift JPEG-LS decoder against CharLS 2.4 (Debian's libcharls, the independent reference): every JPEG-LS
/// test file and DCMTK's encodings (dcmcjpls) of real CT/MR and synthetic images must decode bit-exactly alike;
/// lossless ones also equal their source. Damaged streams end with typed errors.
final class JPEGLSTests: XCTestCase {
    /// CharLS's decoding of one frame.
    static func charls(_ frame: Data, _ d: PixelDescription) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: d.decodedBytesPerFrame)
        try output.withUnsafeMutableBytes { try CharLSReference.decode(frame, description: d, into: $0) }
        return output
    }

    /// Every frame of `file` decodes to CharLS's samples, byte for byte.
    private func assertMatchesCharLS(_ file: DICOMFile, _ label: String, line: UInt = #line) throws {
        let d = try file.pixelDescription()
        for index in 0..<d.numberOfFrames {
            let expected = try Self.charls(try file.encapsulatedFrame(index), d)
            var ours = [UInt8](repeating: 0, count: d.decodedBytesPerFrame)
            try ours.withUnsafeMutableBytes { try file.decodeFrame(index, into: $0) }
            let first = ours.count == expected.count ? ours.indices.first { ours[$0] != expected[$0] } : 0
            XCTAssertNil(first, "\(label) frame \(index): first difference at byte \(first ?? -1)", line: line)
        }
    }

    private static let repositoryRoot = Repository.root

    // MARK: Valid streams

    func testEveryJPEGLSTestFileMatchesCharLS() throws {
        let root = TestData.root
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw XCTSkip("\(root.path) is missing; run scripts/fetch-testdata.sh")
        }
        var checked = 0
        for case let url as URL in walker {
            guard let file = try? DICOMFile.read(contentsOf: url),
                  [TransferSyntax.jpegLSLossless, .jpegLSNearLossless].contains(file.transferSyntax) else { continue }
            try assertMatchesCharLS(file, url.lastPathComponent)
            checked += 1
        }
        if checked == 0 { throw XCTSkip("no JPEG-LS files in \(root.path); run scripts/fetch-testdata.sh") }
        XCTAssertGreaterThanOrEqual(checked, 6)
    }

    /// dcmcjpls options: lossless, near-lossless (NEAR 1 and 3), custom thresholds and RESET (an LSE segment).
    private static let options: [[String]] = [
        ["+el"], ["+en", "+md", "1"], ["+en", "+md", "3"], ["+el", "+t1", "5", "+t2", "11", "+t3", "40", "+rs", "32"],
        ["+en", "+md", "2", "+t1", "9", "+t2", "20", "+t3", "70", "+rs", "200"],
    ]

    func testDCMTKEncodingsOfRealCTAndMRMatchCharLS() throws {
        // Signed CT goes in as stored (lossless only: DCMTK's near-lossless encoder takes unsigned samples) and as
        // 12-bit unsigned; MR is unsigned 12-bit (T1) and signed 16-bit (diffusion).
        let sources: [(URL, Bool)] = [
            (try DCMTK.realFile("ge-ct-gantry-tilt/01.dcm"), false), (try DCMTK.twelveBitCT("ge-ct-gantry-tilt/14.dcm"), true),
            (try DCMTK.realFile("mr-t1-sag-HFS/" + (try Self.middle("mr-t1-sag-HFS"))), true),
            (try DCMTK.realFile("mr-dti-4d-coronal/" + (try Self.middle("mr-dti-4d-coronal"))), false),
        ]
        for (url, nearLossless) in sources {
            let original = try DICOMFile.read(contentsOf: url).decodePixels()
            for (index, option) in Self.options.enumerated() where nearLossless || option.contains("+el") {
                let name = "\(url.deletingPathExtension().lastPathComponent)-jls\(index).dcm"
                let encoded = try DICOMFile.read(contentsOf: try DCMTK.convert("dcmcjpls", option, input: url, name: name))
                XCTAssertTrue([TransferSyntax.jpegLSLossless, .jpegLSNearLossless].contains(encoded.transferSyntax), name)
                try assertMatchesCharLS(encoded, "\(url.lastPathComponent) \(option.joined(separator: " "))")
                if option.contains("+el") {
                    XCTAssertTrue(try encoded.decodePixels().storage.rawBytes == original.storage.rawBytes, name)
                }
            }
        }
    }

    /// The middle file of a real series folder.
    static func middle(_ folder: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: try DCMTK.realFile(folder).path).sorted()
        return names[names.count / 2]
    }

    /// Synthetic images: every interleave mode for RGB, and precisions from 2 to 16 bits.
    func testDCMTKEncodingsOfSyntheticImagesMatchCharLS() throws {
        var state: UInt64 = 7
        func noise(_ modulo: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % modulo
        }
        // Smooth gradients with noise and flat patches, so regular and run modes both occur.
        func values(_ count: Int, columns: Int, bits: Int) -> [Int] {
            let top = (1 << bits) - 1
            return (0..<count).map { i in
                let x = i % columns, y = i / columns
                if (x / 16 + y / 16) % 3 == 0 { return top / 3 }
                return min(top, (x * 3 + y * 2) * top / (4 * columns + 1) + noise(max(1, top / 16 + 1)))
            }
        }
        var rgb = Fixtures.image(rows: 61, columns: 77, bitsAllocated: 8, samplesPerPixel: 3, photometric: "RGB")
        rgb.setPixels(values(61 * 77 * 3, columns: 77 * 3, bits: 8).map { UInt8($0) })
        let rgbURL = try DCMTK.write(rgb, name: "rgb.dcm")
        for interleave in ["+il", "+is", "+in"] {
            for near in [["+el"], ["+en", "+md", "2"]] {
                let name = "rgb\(interleave)\(near.count).dcm"
                let encoded = try DICOMFile.read(contentsOf: try DCMTK.convert("dcmcjpls", near + [interleave], input: rgbURL, name: name))
                try assertMatchesCharLS(encoded, name)
            }
        }
        for bits in [2, 3, 5, 8, 10, 12, 15, 16] {
            let allocated = bits <= 8 ? 8 : 16
            var gray = Fixtures.image(rows: 70, columns: 45, bitsAllocated: allocated, bitsStored: bits)
            let pixels = values(70 * 45, columns: 45, bits: bits)
            if allocated == 8 { gray.setPixels(pixels.map { UInt8($0) }) } else { gray.setPixels(pixels.map { UInt16($0) }) }
            let url = try DCMTK.write(gray, name: "gray\(bits).dcm")
            for option in bits < 8 ? [["+el"]] : [["+el"], ["+en", "+md", "1"]] {  // DCMTK codes NEAR > 0 from 8 bits
                let name = "gray\(bits)-\(option.count).dcm"
                let encoded = try DICOMFile.read(contentsOf: try DCMTK.convert("dcmcjpls", option, input: url, name: name))
                try assertMatchesCharLS(encoded, name)
            }
        }
    }

    // MARK: Damaged streams

    func testTheStreamThatMadeCharLSSpinEndsWithATypedError() throws {
        let url = Self.repositoryRoot.appendingPathComponent("Fuzz/KnownSlow/jpegls-charls-endless-loop.dcm")
        let file = try DICOMFile.read(contentsOf: url)
        assertDICOMError(try file.decodePixels()) {
            if case .corruptFrame(_, _, let codec, _) = $0 { return codec == "JPEG-LS (Swift)" }
            return false
        }
    }

    func testTruncatedAndBitFlippedStreamsGiveTypedErrors() throws {
        let url = TestData.root.appendingPathComponent("pydicom/JPEGLSNearLossless_16.dcm")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("run scripts/fetch-testdata.sh") }
        let file = try DICOMFile.read(contentsOf: url)
        let d = try file.pixelDescription()
        let frame = try file.encapsulatedFrame(0)
        let decoder = JPEGLSDecoder()
        var buffer = [UInt8](repeating: 0, count: d.decodedBytesPerFrame)
        func decode(_ bytes: Data) throws {
            try buffer.withUnsafeMutableBytes { out in
                try decoder.decode(bytes, description: d, frameIndex: 0, fileName: "damaged", into: out)
            }
        }
        assertDamagedFramesFail(frame, cuts: 97, flips: 150, seed: 3, decode)
    }
}
