@testable import DICOM
import Foundation
import XCTest

/// Compressed pixel codecs: compressed real files against their uncompressed twins, RLE and JPEG Lossless round
/// trips through test-side encoders, and damaged streams (truncated, bit-flipped) that must give typed errors.
final class CodecTests: XCTestCase {
    private static let root = TestData.root

    private func testFile(_ path: String) throws -> DICOMFile {
        let url = CodecTests.root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("\(path) missing") }
            throw XCTSkip("\(url.path) is missing; run scripts/fetch-testdata.sh")
        }
        return try DICOMFile.read(contentsOf: url)
    }

    // MARK: Compressed files against their uncompressed twins (decoded by the native path)

    func testLosslessFilesEqualTheirUncompressedTwins() throws {
        let twins: [(compressed: String, native: String)] = [
            ("pydicom/MR_small_RLE.dcm", "pydicom/MR_small.dcm"),
            ("pydicom/MR_small_jp2klossless.dcm", "pydicom/MR_small.dcm"),
            ("pydicom/MR_small_jpeg_ls_lossless.dcm", "pydicom/MR_small.dcm"),
            ("pydicom-data/emri_small_RLE.dcm", "pydicom-data/emri_small.dcm"),
            ("pydicom-data/emri_small_jpeg_2k_lossless.dcm", "pydicom-data/emri_small.dcm"),
            ("pydicom-data/emri_small_jpeg_ls_lossless.dcm", "pydicom-data/emri_small.dcm"),
            ("pydicom-data/MR2_J2KR.dcm", "pydicom-data/MR2_UNCR.dcm"),
            ("pydicom-data/RG1_J2KR.dcm", "pydicom-data/RG1_UNCR.dcm"),
            ("pydicom-data/RG3_J2KR.dcm", "pydicom-data/RG3_UNCR.dcm"),
            ("pydicom-data/US1_J2KR.dcm", "pydicom-data/US1_UNCR.dcm"),
            ("pydicom-data/OBXXXX1A_rle.dcm", "pydicom-data/OBXXXX1A.dcm"),
            ("pydicom-data/OBXXXX1A_rle_2frame.dcm", "pydicom-data/OBXXXX1A_2frame.dcm"),
            ("pydicom/SC_rgb_rle.dcm", "pydicom-data/SC_rgb.dcm"),
            ("pydicom/SC_rgb_rle_2frame.dcm", "pydicom-data/SC_rgb_2frame.dcm"),
            ("pydicom/SC_rgb_rle_16bit.dcm", "pydicom-data/SC_rgb_16bit.dcm"),
            ("pydicom/SC_rgb_rle_32bit_2frame.dcm", "pydicom-data/SC_rgb_32bit_2frame.dcm"),
            ("pydicom/SC_rgb_jpeg_gdcm.dcm", "pydicom-data/SC_rgb.dcm"),
            ("pydicom/rtdose_rle.dcm", "pydicom/rtdose.dcm"),
        ]
        for (compressedPath, nativePath) in twins {
            let compressed = try testFile(compressedPath)
            let native = try testFile(nativePath)
            XCTAssertTrue(compressed.transferSyntax.isCompressed, compressedPath)
            XCTAssertFalse(native.transferSyntax.isEncapsulated, nativePath)
            let a = try compressed.decodePixels(), b = try native.decodePixels()
            XCTAssertEqual(a.frames, b.frames, compressedPath)
            XCTAssertTrue(a.storage.rawBytes == b.storage.rawBytes, "\(compressedPath) differs from \(nativePath)")
        }
    }

    func testLossyJPEG2000IsCloseToItsUncompressedTwin() throws {
        // J2KI files are lossy versions of the UNCI images: close, not equal (mean absolute error is small).
        for (lossy, native) in [("pydicom-data/MR2_J2KI.dcm", "pydicom-data/MR2_UNCI.dcm"),
                                ("pydicom-data/RG3_J2KI.dcm", "pydicom-data/RG3_UNCI.dcm")] {
            let a = try testFile(lossy).decodePixels(), b = try testFile(native).decodePixels()
            XCTAssertEqual(a.storage.count, b.storage.count)
            var error = 0.0, range = 0.0
            for index in 0..<a.storage.count {
                error += abs(a.storage.value(at: index) - b.storage.value(at: index))
                range = max(range, b.storage.value(at: index))
            }
            XCTAssertLessThan(error / Double(a.storage.count), range * 0.02, lossy)
        }
    }

    // MARK: RLE round trips

    private func roundTripRLE(_ ds: DataSet, file path: StaticString = #filePath, line: UInt = #line) throws {
        let native = try DICOMFile.parse(try DICOMWriter().encode(ds), name: "native").decodePixels()
        let encoded = try DICOMWriter(transferSyntax: .rleLossless).encode(try RLEEncoder.encapsulating(ds))
        let file = try DICOMFile.parse(encoded, name: "rle")
        XCTAssertEqual(file.transferSyntax, .rleLossless, file: path, line: line)
        let decoded = try file.decodePixels()
        XCTAssertEqual(decoded.storage.rawBytes, native.storage.rawBytes, file: path, line: line)
        // Streaming path: metadata-only parse, last frame straight into a buffer.
        let lazy = try DICOMFile.parse(encoded, mode: .metadataOnly, name: "rle-lazy")
        let last = decoded.frames - 1
        var buffer = [UInt8](repeating: 0xAA, count: try lazy.frameByteCount())
        try buffer.withUnsafeMutableBytes { try lazy.decodeFrame(last, into: $0) }
        let size = buffer.count
        XCTAssertEqual(buffer, Array(native.storage.rawBytes[(last * size)..<((last + 1) * size)]), file: path, line: line)
    }

    /// Values with long runs, short runs and noise, so both PackBits forms and the 128-byte limits occur.
    private func pattern(_ count: Int, modulo: Int, seed: UInt64) -> [Int] {
        var state = seed
        return (0..<count).map { index in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            switch (index / 300) % 3 {
            case 0: return 7 % modulo
            case 1: return Int(state >> 33) % modulo
            default: return (index / 3) % modulo
            }
        }
    }

    func testRLERoundTripsEightAndSixteenBitOneAndThreeSamples() throws {
        var gray8 = Fixtures.image(rows: 33, columns: 130, bitsAllocated: 8, frames: 2)
        gray8.setPixels(pattern(33 * 130 * 2, modulo: 256, seed: 1).map { UInt8($0) })
        try roundTripRLE(gray8)

        var gray16 = Fixtures.image(rows: 40, columns: 41, bitsAllocated: 16, bitsStored: 12, signed: true)
        gray16.setPixels(pattern(40 * 41, modulo: 4096, seed: 2).map { UInt16($0) })
        try roundTripRLE(gray16)

        var rgb8 = Fixtures.image(rows: 17, columns: 300, bitsAllocated: 8, samplesPerPixel: 3, photometric: "RGB")
        rgb8.setPixels(pattern(17 * 300 * 3, modulo: 256, seed: 3).map { UInt8($0) })
        try roundTripRLE(rgb8)

        var rgb16 = Fixtures.image(rows: 9, columns: 11, bitsAllocated: 16, samplesPerPixel: 3, frames: 3,
                                   photometric: "RGB")
        rgb16.setPixels(pattern(9 * 11 * 3 * 3, modulo: 65536, seed: 4).map { UInt16($0) })
        try roundTripRLE(rgb16)

        var gray32 = Fixtures.image(rows: 5, columns: 7, bitsAllocated: 32)
        gray32.setPixels(pattern(35, modulo: 1 << 30, seed: 5).map { UInt32($0) * 3 })
        try roundTripRLE(gray32)

        var single = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8)
        single.setPixels([UInt8(200)])
        try roundTripRLE(single)
    }

    func testRLESegmentCountMismatchIsTyped() throws {
        var ds = Fixtures.image(rows: 4, columns: 4, bitsAllocated: 8)
        ds.setPixels([UInt8](repeating: 1, count: 16))
        var rle = try RLEEncoder.encapsulating(ds)
        rle.set(.bitsAllocated, .US, 16)
        rle.set(.bitsStored, .US, 16)
        rle.set(.highBit, .US, 15)
        let file = try DICOMFile.parse(try DICOMWriter(transferSyntax: .rleLossless).encode(rle), name: "rle")
        assertDICOMError(try file.decodePixels()) {
            guard case .decodedSizeMismatch(name: "rle", frame: 0, codec: "RLE Lossless", _, _) = $0 else { return false }
            return true
        }
    }

    // MARK: JPEG Lossless round trips (test-side encoder: every predictor, point transform, restarts, components)

    func testJPEGLosslessPredictorsPointTransformRestartsAndComponents() throws {
        let cases: [(rows: Int, columns: Int, components: Int, precision: Int, predictor: Int, pt: Int, restartRows: Int,
                     interleaved: Bool)] = [
            (20, 23, 1, 16, 1, 0, 0, true), (20, 23, 1, 12, 2, 0, 0, true), (20, 23, 1, 12, 3, 0, 2, true),
            (20, 23, 1, 16, 4, 0, 0, true), (20, 23, 1, 10, 5, 0, 5, true), (20, 23, 1, 16, 6, 0, 0, true),
            (20, 23, 1, 16, 7, 2, 0, true), (20, 23, 3, 8, 1, 0, 0, true), (20, 23, 3, 8, 7, 0, 4, true),
            (20, 23, 3, 8, 4, 1, 0, false), (1, 1, 1, 2, 1, 0, 0, true), (7, 1, 1, 8, 6, 0, 1, true),
        ]
        for (index, c) in cases.enumerated() {
            let bitsAllocated = c.precision > 8 ? 16 : 8
            var values = pattern(c.rows * c.columns * c.components, modulo: 1 << c.precision, seed: UInt64(index + 10))
            values = values.map { ($0 >> c.pt) << c.pt }
            // Extremes, so the modulo-2^16 difference (category 16) occurs for 16-bit data.
            if values.count > 2 { values[0] = (((1 << c.precision) - 1) >> c.pt) << c.pt; values[1] = 0 }
            let stream = LosslessJPEGTestEncoder.encode(values, rows: c.rows, columns: c.columns, components: c.components,
                                                        precision: c.precision, predictor: c.predictor,
                                                        pointTransform: c.pt, restartRows: c.restartRows,
                                                        interleaved: c.interleaved)
            var ds = Fixtures.image(rows: c.rows, columns: c.columns, bitsAllocated: bitsAllocated, bitsStored: c.precision,
                                    samplesPerPixel: c.components, photometric: c.components == 3 ? "RGB" : "MONOCHROME2")
            ds.setEncapsulatedPixels([stream])
            let file = try DICOMFile.parse(try DICOMWriter(transferSyntax: .jpegLossless).encode(ds), name: "ljpeg\(index)")
            let decoded = try file.decodePixels()
            let got = (0..<decoded.storage.count).map { Int(decoded.storage.value(at: $0)) }
            XCTAssertEqual(got, values, "case \(index): \(c)")
        }
    }

    // MARK: Frames split at codestream starts (no offset table, fragments ≠ frames)

    func testMultiFragmentFramesWithoutOffsetTableAreSplitAtStartMarkers() throws {
        let source = try testFile("pydicom-data/emri_small_jpeg_ls_lossless.dcm")
        let reference = try source.decodePixels()
        var fragments = [Data]()
        for frame in 0..<source.numberOfFrames {
            let data = try source.encapsulatedFrame(frame)
            let cut = data.count / 3 & ~1
            fragments.append(data.prefix(cut))
            fragments.append(data.dropFirst(cut))
        }
        var ds = source.dataSet
        ds.setEncapsulatedPixels(fragments.map { Data($0) })
        let file = try DICOMFile.parse(try DICOMWriter(transferSyntax: source.transferSyntax).encode(ds), name: "split")
        XCTAssertEqual(file.encapsulatedPixelData?.fragments.count, 2 * source.numberOfFrames)
        XCTAssertEqual(try file.decodePixels().storage.rawBytes, reference.storage.rawBytes)
        XCTAssertEqual(try file.decodeFrame(7).storage.rawBytes, try source.decodeFrame(7).storage.rawBytes)
    }

    // MARK: Damaged streams

    /// One real file per codec (and colour/bit-depth variant).
    private static let damageSources = [
        "pydicom/MR_small_RLE.dcm", "pydicom/SC_rgb_rle_16bit.dcm",
        "pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm", "pydicom-data/JPEG-LL.dcm", "pydicom/SC_rgb_jpeg_gdcm.dcm",
        "pydicom/SC_rgb_jpeg_dcmtk.dcm", "pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm", "pydicom/JPGExtended.dcm",
        "pydicom/MR_small_jp2klossless.dcm", "pydicom/693_J2KI.dcm", "pydicom/GDCMJ2K_TextGBR.dcm",
        "pydicom/MR_small_jpeg_ls_lossless.dcm", "pydicom/SC_rgb_jls_lossy_line.dcm",
    ]

    private func isCodecError(_ error: Error) -> Bool {
        guard let error = error as? DICOMError else { return false }
        switch error {
        case .corruptFrame, .decodedSizeMismatch, .unsupportedCodecFeature: return true
        default: return false
        }
    }

    /// Decodes `data` as frame 0 into a buffer of exactly one frame; nil on success, else the error.
    private func attempt(_ data: Data, _ file: DICOMFile) throws -> Error? {
        let decoder = try XCTUnwrap(try file.frameDecoder())
        let d = try file.pixelDescription()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: d.decodedBytesPerFrame, alignment: 16)
        defer { buffer.deallocate() }
        do {
            try decoder.decode(data, description: d, frameIndex: 0, fileName: file.name, into: buffer)
            return nil
        } catch {
            return error
        }
    }

    func testTruncatedFramesGiveTypedErrors() throws {
        for path in CodecTests.damageSources {
            let file = try testFile(path)
            let frame = try file.encapsulatedFrame(0)
            let cuts = Set([0, 1, 2, 3, 10, 63, 64, 65, 200] + [8, 4, 2].map { frame.count / $0 } + [frame.count * 3 / 4])
            for cut in cuts.sorted() where cut < frame.count - 2 {
                let error = try attempt(Data(frame.prefix(cut)), file)
                XCTAssertNotNil(error, "\(path) cut at \(cut) of \(frame.count) decoded without error")
                if let error { XCTAssertTrue(isCodecError(error), "\(path) cut at \(cut): \(error)") }
            }
        }
    }

    func testBitFlippedFramesNeverCrash() throws {
        var state: UInt64 = 0x9E3779B97F4A7C15
        for path in CodecTests.damageSources {
            let file = try testFile(path)
            let frame = try file.encapsulatedFrame(0)
            var failures = 0
            for trial in 0..<24 {
                var damaged = frame
                // Early trials hit headers (first 300 bytes), later ones anywhere; some flip several bytes.
                for _ in 0..<(1 + trial % 3) {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    let span = trial < 12 ? min(300, frame.count) : frame.count
                    let index = damaged.startIndex + Int(state >> 33) % span
                    damaged[index] ^= UInt8(truncatingIfNeeded: 1 << ((state >> 20) % 8))
                }
                if let error = try attempt(damaged, file) {
                    failures += 1
                    XCTAssertTrue(isCodecError(error), "\(path) trial \(trial): \(error)")
                }
            }
            // Not every flip is detectable (a changed sample value is still a valid stream); most header hits are.
            XCTAssertGreaterThan(failures, 0, "\(path): no flipped stream was refused")
        }
    }

    func testWrongGeometryIsASizeMismatchBeforeWriting() throws {
        for path in ["pydicom/MR_small_jp2klossless.dcm", "pydicom/MR_small_jpeg_ls_lossless.dcm",
                     "pydicom/SC_rgb_jpeg_dcmtk.dcm", "pydicom-data/JPEG-LL.dcm", "pydicom/MR_small_RLE.dcm"] {
            let file = try testFile(path)
            var d = try file.pixelDescription()
            d.rows += 1
            let decoder = try XCTUnwrap(try file.frameDecoder())
            var buffer = [UInt8](repeating: 0x5A, count: d.decodedBytesPerFrame)
            let data = try file.encapsulatedFrame(0)
            XCTAssertThrowsError(try buffer.withUnsafeMutableBytes {
                try decoder.decode(data, description: d, frameIndex: 3, fileName: "geometry", into: $0)
            }) { error in
                guard case .decodedSizeMismatch(name: "geometry", frame: 3, _, _, _)? = error as? DICOMError else {
                    return XCTFail("\(path): \(error)")
                }
            }
            if !path.hasSuffix("RLE.dcm") {
                XCTAssertTrue(buffer.allSatisfy { $0 == 0x5A }, "\(path): wrote before checking the size")
            }
        }
    }

    func testTooShortJPEG2000FileIsTyped() throws {
        // The file ends inside its pixel data: a typed error, from the parser or the decoder, never garbage.
        let url = CodecTests.root.appendingPathComponent("pydicom-data/emri_small_jpeg_2k_lossless_too_short.dcm")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("run scripts/fetch-testdata.sh") }
        XCTAssertThrowsError(try DICOMFile.read(contentsOf: url).decodePixels()) { XCTAssertTrue($0 is DICOMError, "\($0)") }
        XCTAssertThrowsError(try DICOMFile.read(contentsOf: url, mode: .metadataOnly).decodePixels()) {
            XCTAssertTrue($0 is DICOMError, "\($0)")
        }
    }
}

/// A minimal lossless JPEG (SOF3) encoder for tests: one fixed Huffman table covering categories 0–16.
enum LosslessJPEGTestEncoder {
    // 14 codes of length 4 and 3 of length 5 for categories 0...16 (canonical, no all-ones code).
    static let counts: [UInt8] = [0, 0, 0, 14, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]

    static func encode(_ values: [Int], rows: Int, columns: Int, components: Int, precision: Int, predictor: Int,
                       pointTransform pt: Int, restartRows: Int, interleaved: Bool) -> Data {
        var out = Data([0xFF, 0xD8])
        func segment(_ marker: UInt8, _ body: [UInt8]) {
            out.append(contentsOf: [0xFF, marker, UInt8((body.count + 2) >> 8), UInt8((body.count + 2) & 0xFF)] + body)
        }
        segment(0xC4, [0x00] + counts + (0...16).map { UInt8($0) })
        var sof: [UInt8] = [UInt8(precision), UInt8(rows >> 8), UInt8(rows & 0xFF), UInt8(columns >> 8),
                            UInt8(columns & 0xFF), UInt8(components)]
        for c in 0..<components { sof += [UInt8(c + 1), 0x11, 0] }
        segment(0xC3, sof)
        if restartRows > 0 { segment(0xDD, [UInt8((restartRows * columns) >> 8), UInt8((restartRows * columns) & 0xFF)]) }
        // Canonical codes.
        var codes = [(code: Int, length: Int)]()
        var code = 0
        for length in 1...16 {
            for _ in 0..<Int(counts[length - 1]) { codes.append((code, length)); code += 1 }
            code <<= 1
        }
        let scans: [[Int]] = interleaved ? [Array(0..<components)] : (0..<components).map { [$0] }
        for scan in scans {
            segment(0xDA, [UInt8(scan.count)] + scan.flatMap { [UInt8($0 + 1), 0x00] } + [UInt8(predictor), 0, UInt8(pt)])
            var bits = 0, count = 0, restarts = 0
            func put(_ value: Int, _ length: Int) {
                for shift in stride(from: length - 1, through: 0, by: -1) {
                    bits = bits << 1 | (value >> shift) & 1
                    count += 1
                    if count == 8 {
                        out.append(UInt8(bits))
                        if bits == 0xFF { out.append(0) }
                        bits = 0; count = 0
                    }
                }
            }
            func flush() { while count != 0 { put(1, 1) } }
            let sample = { (y: Int, x: Int, c: Int) -> Int in values[(y * columns + x) * components + c] >> pt }
            var firstRow = true
            for y in 0..<rows {
                if restartRows > 0, y > 0, y % restartRows == 0 {
                    flush()
                    out.append(contentsOf: [0xFF, UInt8(0xD0 + restarts % 8)])
                    restarts += 1
                    firstRow = true
                }
                for x in 0..<columns {
                    for c in scan {
                        let prediction: Int
                        if firstRow { prediction = x == 0 ? 1 << (precision - pt - 1) : sample(y, x - 1, c) }
                        else if x == 0 { prediction = sample(y - 1, x, c) }
                        else {
                            let a = sample(y, x - 1, c), b = sample(y - 1, x, c), cc = sample(y - 1, x - 1, c)
                            switch predictor {
                            case 1: prediction = a
                            case 2: prediction = b
                            case 3: prediction = cc
                            case 4: prediction = a + b - cc
                            case 5: prediction = a + ((b - cc) >> 1)
                            case 6: prediction = b + ((a - cc) >> 1)
                            default: prediction = (a + b) >> 1
                            }
                        }
                        var difference = (sample(y, x, c) - prediction) & 0xFFFF
                        if difference >= 32768 { difference -= 65536 }
                        let category = difference == -32768 ? 16 : difference == 0 ? 0
                            : Int.bitWidth - abs(difference).leadingZeroBitCount
                        put(codes[category].code, codes[category].length)
                        if category > 0, category < 16 {
                            put(difference < 0 ? difference + (1 << category) - 1 : difference, category)
                        }
                    }
                }
                firstRow = false
            }
            flush()
        }
        out.append(contentsOf: [0xFF, 0xD9])
        return out
    }
}
