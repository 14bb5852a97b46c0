import DICOM
import Foundation
import XCTest

/// Each codec's own header is read before decoding allocates the output: a data set that claims far more pixels
/// than its frames describe is refused with the codec's numbers, and the claim is never allocated.
final class FrameHeaderCheckTests: XCTestCase {
    /// Rows × columns claimed by the data sets below: 40000² 16-bit samples are 3.2 GB, under the 4 GiB budget.
    private static let claimed = 40_000

    /// A data set claiming `rows` × `columns` × `samples` pixels of `bits` bits whose frames are `fragments`.
    private func file(_ fragments: [Data], syntax: TransferSyntax, rows: Int = claimed, columns: Int = claimed,
                      bits: Int = 16, bitsStored: Int? = nil, samples: Int = 1, name: String) throws -> DICOMFile {
        var ds = Fixtures.image(rows: rows, columns: columns, bitsAllocated: bits, bitsStored: bitsStored,
                                samplesPerPixel: samples, frames: fragments.count,
                                photometric: samples == 3 ? "RGB" : "MONOCHROME2")
        ds.setEncapsulatedPixels(fragments)
        return try DICOMFile.parse(try DICOMWriter(transferSyntax: syntax).encode(ds), name: name)
    }

    /// Runs `decodePixels()` and `decodeFrame(0)`, expecting `expected` from both, and returns how far the
    /// process's peak virtual size rose: an allocation of the claim would raise it by gigabytes even untouched.
    private func refusal(_ file: DICOMFile, _ expected: (DICOMError) -> Bool,
                         line: UInt = #line) -> Int {
        let headroom = MemoryProbe.peakVirtual - MemoryProbe.virtualSize
        // The peak only rises: an earlier test that left it far above today's size would hide an allocation.
        XCTAssertLessThan(headroom, 2 << 30, "peak virtual size is \(headroom) bytes above the current one", line: line)
        let before = MemoryProbe.peakVirtual
        assertDICOMError(try file.decodePixels(), file.name, line: line, expected)
        assertDICOMError(try file.decodeFrame(0), file.name, line: line, expected)
        return MemoryProbe.peakVirtual - before
    }

    private func isSizeMismatch(_ error: DICOMError) -> Bool {
        if case .decodedSizeMismatch = error { return true }
        return false
    }

    private func isTruncated(_ error: DICOMError) -> Bool {
        if case .corruptFrame(_, _, _, let reason) = error { return reason.contains("truncated") }
        return false
    }

    func testSwiftCodecsRefuseClaimsTheirFramesDoNotDescribe() throws {
        let small = LosslessJPEGTestEncoder.encode(Array(repeating: 100, count: 64 * 64), rows: 64, columns: 64,
                                                   components: 1, precision: 16, predictor: 1, pointTransform: 0,
                                                   restartRows: 0, interleaved: true)
        var claimedSOF = small
        // The same stream with its SOF3 saying 40000 × 40000: a header that agrees, data far too short.
        let sof = try XCTUnwrap(claimedSOF.firstRange(of: Data([0xFF, 0xC3])))
        let size = UInt8(Self.claimed >> 8), low = UInt8(Self.claimed & 0xFF)
        claimedSOF.replaceSubrange((sof.upperBound + 3)..<(sof.upperBound + 7), with: [size, low, size, low])
        var rleHeader = Data(count: 64)
        // Two segments (16-bit samples) of 100 bytes: each decodes to at most 6400 of the 1.6 GB it needs, so the
        // first one, bounded by the second, describes a smaller image.
        rleHeader[0] = 2
        rleHeader[4] = 64
        rleHeader[8] = 164
        let rle = rleHeader + Data(repeating: 0x81, count: 200)

        let cases: [(String, TransferSyntax, [Data], (DICOMError) -> Bool)] = [
            ("lossless JPEG of 64 × 64", .jpegLossless, [small], isSizeMismatch),
            ("lossless JPEG with the claimed SOF3", .jpegLossless, [claimedSOF], isTruncated),
            ("RLE with 100-byte segments", .rleLossless, [rle], isSizeMismatch),
            ("encapsulated uncompressed of 8 KB", .encapsulatedUncompressed, [Data(count: 8192)], isSizeMismatch),
        ]
        for (name, syntax, fragments, expected) in cases {
            let growth = refusal(try file(fragments, syntax: syntax, name: name), expected)
            XCTAssertLessThan(growth, 256 << 20, "\(name): peak virtual size rose \(growth) bytes")
        }
    }

    func testManySmallFramesCannotClaimGigabytes() throws {
        // 1000 frames of 1024 × 1024 16-bit (2 GiB) whose fragments are the first 300 bytes of a real stream: every
        // header agrees, but 300 bytes cannot code 2^20 samples at one bit each.
        let values = (0..<(1024 * 1024)).map { ($0 * 7919) & 0xFFFF }
        let stream = LosslessJPEGTestEncoder.encode(values, rows: 1024, columns: 1024, components: 1, precision: 16,
                                                    predictor: 1, pointTransform: 0, restartRows: 0, interleaved: true)
        let fragments = [Data](repeating: Data(stream.prefix(300)), count: 1000)
        let many = try file(fragments, syntax: .jpegLossless, rows: 1024, columns: 1024, name: "many.dcm")
        let growth = refusal(many, isTruncated)
        XCTAssertLessThan(growth, 256 << 20, "peak virtual size rose \(growth) bytes")
        // The whole stream decodes: the bound refuses only what cannot be.
        let whole = try file([stream], syntax: .jpegLossless, rows: 1024, columns: 1024, name: "whole.dcm")
        XCTAssertEqual(try whole.decodeFrame(0).storage.value(at: 1025), Double(1025 * 7919 & 0xFFFF))
    }

    func testLibraryCodecsReadTheirHeadersBeforeAllocating() throws {
        // (path, bits, samples, claimed rows = columns): 3.2 GB, 3.2 GB and 2.7 GB.
        let sources: [(String, Int, Int, Int)] = [
            ("pydicom/MR_small_jp2klossless.dcm", 16, 1, Self.claimed),
            ("pydicom/MR_small_jpeg_ls_lossless.dcm", 16, 1, Self.claimed), ("pydicom/SC_rgb_jpeg_dcmtk.dcm", 8, 3, 30_000),
        ]
        for (path, bits, samples, size) in sources {
            let url = TestData.root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("\(path) missing") }
                throw XCTSkip("\(url.path) is missing; run scripts/fetch-testdata.sh")
            }
            let real = try DICOMFile.read(contentsOf: url)
            let stored = try real.pixelDescription().bitsStored
            let lying = try file([try real.encapsulatedFrame(0)], syntax: real.transferSyntax, rows: size, columns: size, bits: bits,
                                 bitsStored: stored, samples: samples, name: path)
            let growth = refusal(lying, isSizeMismatch)
            XCTAssertLessThan(growth, 256 << 20, "\(path): peak virtual size rose \(growth) bytes")
            // The header check passes the real frame and its real description.
            let decoder = try XCTUnwrap(try real.frameDecoder())
            XCTAssertNoThrow(try decoder.checkHeader(try real.encapsulatedFrame(0), description: try real.pixelDescription(),
                                                     frameIndex: 0, fileName: path), path)
        }
    }

    func testRLEWithMoreThanFifteenBytePlanesIsUnsupported() throws {
        // 4 samples of 32 bits need 16 segments; the RLE header has room for 15 offsets.
        let rle = try file([Data(count: 64)], syntax: .rleLossless, rows: 1, columns: 1, bits: 32, samples: 4,
                           name: "planes.dcm")
        assertDICOMError(try rle.decodeFrame(0)) {
            if case .unsupportedCodecFeature(_, _, _, let feature) = $0 { return feature.contains("at most 15") }
            return false
        }
    }
}
