@testable import DICOM
import Foundation
import XCTest

/// The file read paths: metadata-only reads of a prefix (grown when the header is longer), full reads that share
/// the pixel bytes, and pixel frames read with `pread` straight into a caller's buffer. Each must give exactly
/// what parsing the same bytes in memory gives.
final class FileReadPathTests: XCTestCase {
    private var cleanup: [URL] = []

    override func tearDown() {
        for url in cleanup { try? FileManager.default.removeItem(at: url) }
        cleanup = []
    }

    private func temporaryURL(_ label: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-readpath-\(label)-\(UUID().uuidString).dcm")
        cleanup.append(url)
        return url
    }

    /// An image whose header holds `headerPadding` bytes of a private OB value before the pixel data.
    private func image(headerPadding: Int, rows: Int = 16, columns: Int = 16, frames: Int = 1, bitsStored: Int = 16,
                       signed: Bool = false) -> (DataSet, [UInt16]) {
        var ds = Fixtures.image(rows: rows, columns: columns, bitsAllocated: 16, bitsStored: bitsStored, signed: signed,
                                frames: frames > 1 ? frames : nil)
        ds.set(.patientName, .PN, "Read^Path")
        if headerPadding > 0 {
            ds.set(Tag(0x0009, 0x0010), .LO, "LIGHTBOX")
            ds.set(Tag(0x0009, 0x1001), .OB, bytes: Data((0..<headerPadding).map { UInt8(truncatingIfNeeded: $0 &* 7) }))
        }
        var inner = DataSet()
        inner.set(.units, .CS, "BQML")
        ds.set(.radiopharmaceuticalInformationSequence, items: [inner])
        ds.set(.seriesDescription, .LO, "after the padding")
        let pixels = (0..<(rows * columns * frames)).map { UInt16(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        ds.setPixels(pixels)
        return (ds, pixels)
    }

    private func write(_ ds: DataSet, _ label: String, sequenceLength: DICOMWriter.SequenceLength = .defined) throws -> (URL, Data) {
        let url = temporaryURL(label)
        let data = try DICOMWriter(sequenceLength: sequenceLength).encode(ds)
        try data.write(to: url)
        return (url, data)
    }

    private func assertSameElements(_ a: DataSet, _ b: DataSet, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.elements.map(\.tag), b.elements.map(\.tag), label, file: file, line: line)
        for (x, y) in zip(a.elements, b.elements) {
            XCTAssertEqual(x.vr, y.vr, "\(label) \(x.tag)", file: file, line: line)
            switch (x.value, y.value) {
            case (.bytes(let p), .bytes(let q)): XCTAssertEqual(p, q, "\(label) \(x.tag)", file: file, line: line)
            case (.notLoaded(let o1, let l1), .notLoaded(let o2, let l2)):
                XCTAssertEqual(o1, o2, "\(label) \(x.tag)", file: file, line: line)
                XCTAssertEqual(l1, l2, "\(label) \(x.tag)", file: file, line: line)
            case (.sequence(let s), .sequence(let t)):
                XCTAssertEqual(s.count, t.count, "\(label) \(x.tag)", file: file, line: line)
                for (i, j) in zip(s, t) { assertSameElements(i, j, "\(label) \(x.tag) item", file: file, line: line) }
            default: XCTFail("\(label) \(x.tag): different value kinds", file: file, line: line)
            }
        }
    }

    func testHeaderLongerThanTheFirstChunkIsReadWhole() throws {
        // Headers of many sizes around and far past the first read (8 KB) and the reads after it: every element
        // must be there, and the pixel data recorded at its real offset with its real length.
        let paddings = [0, 1_000, 7_900, 8_100, 8_192, 16_000, 16_200, 16_384, 16_500, 40_000, 70_000, 200_000]
        for (index, padding) in paddings.enumerated() {
            let (ds, pixels) = image(headerPadding: padding)
            let (url, data) = try write(ds, "long-\(padding)", sequenceLength: index % 2 == 0 ? .undefined : .defined)
            let fromFile = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
            let inMemory = try DICOMFile.parse(data, mode: .metadataOnly)
            assertSameElements(fromFile.dataSet, inMemory.dataSet, "padding \(padding)")
            assertSameElements(fromFile.meta, inMemory.meta, "padding \(padding) meta")
            XCTAssertEqual(fromFile.dataSet.string(.seriesDescription), "after the padding")
            XCTAssertEqual(fromFile.dataSet.bytes(Tag(0x0009, 0x1001))?.count, padding == 0 ? nil : padding)
            let location = try XCTUnwrap(fromFile.pixelDataLocation)
            XCTAssertEqual(location.length, pixels.count * 2)
            XCTAssertEqual(location.offset + location.length, data.count)
            guard case .uint16(let decoded) = try fromFile.decodeFrame(0).storage else { return XCTFail("type") }
            XCTAssertEqual(decoded, pixels, "padding \(padding)")
        }
    }

    func testElementHeadersStraddlingReadBoundaries() throws {
        // Move the elements after the padding across the first read (8 KB) and the second (64 KB) a byte pair at
        // a time, so their tags, VRs, lengths and values each start on either side of a read boundary.
        let (probe, _) = image(headerPadding: 1_000)
        let probeBytes = try DICOMWriter().encode(probe)
        let patientNameHeader = Data([0x10, 0x00, 0x10, 0x00, 0x50, 0x4E])
        let after = try XCTUnwrap(probeBytes.range(of: patientNameHeader)).lowerBound  // first element after the padding
        for boundary in [8_192, 65_536] {
            for shift in stride(from: -60, through: 60, by: 2) {
                let (ds, _) = image(headerPadding: 1_000 + boundary - after + shift)
                let (url, data) = try write(ds, "straddle")
                let fromFile = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
                let inMemory = try DICOMFile.parse(data, mode: .metadataOnly)
                assertSameElements(fromFile.dataSet, inMemory.dataSet, "boundary \(boundary) shift \(shift)")
                XCTAssertEqual(fromFile.pixelDataLocation?.offset, inMemory.pixelDataLocation?.offset)
                XCTAssertEqual(fromFile.dataSet.string(.patientName), "Read^Path")
            }
        }
    }

    func testFilePrefixesReadLikeInMemoryPrefixes() throws {
        // The malformed-input rule (every prefix fails typed or parses at a boundary) holds for files, whose
        // metadata-only reads see only a chunk: same result, same error, as parsing the same prefix in memory.
        let (ds, _) = image(headerPadding: 9_000)
        let data = try DICOMWriter(sequenceLength: .undefined).encode(ds)
        let url = temporaryURL("prefix")
        let name = url.lastPathComponent
        var lengths = Array(stride(from: 0, to: data.count, by: 331))
        lengths += Array(8_180...8_200) + Array((data.count - 700)...data.count)
        for length in lengths {
            try data.prefix(length).write(to: url)
            for mode in [ReadMode.metadataOnly, .full] {
                let expected = Result { try DICOMFile.parse(data.prefix(length), mode: mode, name: name) }
                let actual = Result { try DICOMFile.read(contentsOf: url, mode: mode) }
                switch (expected, actual) {
                case (.success(let e), .success(let a)):
                    assertSameElementsIgnoringPixelBytes(e.dataSet, a.dataSet, "prefix \(length) \(mode)")
                    XCTAssertEqual(e.pixelDataLocation?.offset, a.pixelDataLocation?.offset, "prefix \(length)")
                    XCTAssertEqual(e.pixelDataLocation?.length, a.pixelDataLocation?.length, "prefix \(length)")
                case (.failure(let e), .failure(let a)):
                    XCTAssertEqual(String(describing: e), String(describing: a), "prefix \(length) \(mode)")
                default:
                    XCTFail("prefix \(length) \(mode): in memory \(expected), from file \(actual)")
                }
            }
        }
    }

    private func assertSameElementsIgnoringPixelBytes(_ a: DataSet, _ b: DataSet, _ label: String) {
        XCTAssertEqual(a.elements.map(\.tag), b.elements.map(\.tag), label)
        XCTAssertEqual(a.bytes(.pixelData), b.bytes(.pixelData), label)
        XCTAssertEqual(a.string(.seriesDescription), b.string(.seriesDescription), label)
    }

    func testFullReadHoldsThePixelBytesOfTheFile() throws {
        let (ds, pixels) = image(headerPadding: 100, rows: 64, columns: 64, frames: 3)
        let (url, data) = try write(ds, "full")
        let file = try DICOMFile.read(contentsOf: url, mode: .full)
        let location = try XCTUnwrap(file.pixelDataLocation)
        var pixelBytes = try XCTUnwrap(file.dataSet.bytes(.pixelData))
        XCTAssertEqual(pixelBytes.startIndex, 0)
        XCTAssertEqual(pixelBytes, data[location.offset..<(location.offset + location.length)])
        XCTAssertEqual(pixelBytes, Fixtures.bytes(pixels))
        // A changed copy of the value leaves the file's data set as it was.
        pixelBytes[0] ^= 0xFF
        XCTAssertEqual(file.dataSet.bytes(.pixelData), Fixtures.bytes(pixels))
        guard case .uint16(let all) = try file.decodePixels().storage else { return XCTFail("type") }
        XCTAssertEqual(all, pixels)
    }

    func testPreadFramesIntoASliceEqualTheInMemoryDecode() throws {
        // Stored = decoded (read straight into the slice), masked 12-bit and signed 12-bit (read, then decoded).
        for (bitsStored, signed) in [(16, false), (12, false), (12, true), (16, true)] {
            let (ds, _) = image(headerPadding: 20_000, rows: 32, columns: 48, frames: 3, bitsStored: bitsStored, signed: signed)
            let (url, data) = try write(ds, "pread-\(bitsStored)")
            let fromFile = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
            let inMemory = try DICOMFile.parse(data, mode: .full)
            for frame in 0..<3 {
                var slice = [UInt16](repeating: 0xABCD, count: 32 * 48 + 5)  // larger than a frame: the rest stays
                try slice.withUnsafeMutableBytes { try fromFile.decodeFrame(frame, into: $0) }
                var expected = [UInt16](repeating: 0, count: 32 * 48)
                try expected.withUnsafeMutableBytes { try inMemory.decodeFrame(frame, into: $0) }
                XCTAssertEqual(Array(slice[0..<(32 * 48)]), expected, "bits \(bitsStored) signed \(signed) frame \(frame)")
                XCTAssertEqual(Array(slice[(32 * 48)...]), [UInt16](repeating: 0xABCD, count: 5))
                let one = try fromFile.decodeFrame(frame).storage, other = try inMemory.decodeFrame(frame).storage
                XCTAssertEqual(one.count, other.count)
                XCTAssertEqual((0..<one.count).map(one.value(at:)), (0..<other.count).map(other.value(at:)))
            }
        }
    }

    func testFallbackPathsStillReadFromTheFile() throws {
        // Big-endian and 1-bit data are not read straight into the slice; they must decode the same as in memory.
        var ds = Fixtures.image(rows: 8, columns: 8, bitsAllocated: 16, frames: 2)
        let pixels = (0..<128).map { UInt16($0 * 409) }
        ds.setPixels(pixels)
        let url = temporaryURL("big-endian")
        let data = try DICOMWriter(transferSyntax: .explicitVRBigEndian).encode(ds)
        try data.write(to: url)
        let fromFile = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
        guard case .uint16(let decoded) = try fromFile.decodeFrame(1).storage else { return XCTFail("type") }
        XCTAssertEqual(decoded, Array(pixels[64...]))

        var bits = Fixtures.image(rows: 3, columns: 5, bitsAllocated: 1, frames: 3)
        let packed: [UInt8] = [0b1010_0110, 0xFF, 0x00, 0x5A, 0xC3, 0x81]
        bits.set(.pixelData, .OB, bytes: Data(packed))
        let bitsURL = temporaryURL("one-bit")
        let bitsData = try DICOMWriter().encode(bits)
        try bitsData.write(to: bitsURL)
        let lazy = try DICOMFile.read(contentsOf: bitsURL, mode: .metadataOnly)
        let eager = try DICOMFile.parse(bitsData)
        for frame in 0..<3 {
            guard case .uint8(let a) = try lazy.decodeFrame(frame).storage,
                  case .uint8(let b) = try eager.decodeFrame(frame).storage else { return XCTFail("type") }
            XCTAssertEqual(a, b, "frame \(frame)")
        }
    }

    func testFileThatShrinksAfterItsHeaderWasReadGivesATypedError() throws {
        let (ds, pixels) = image(headerPadding: 0, rows: 64, columns: 64, frames: 2)
        let (url, data) = try write(ds, "shrink")
        let file = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
        // Cut inside frame 1: frame 0 is still whole, frame 1 is not.
        try data.prefix(data.count - 100).write(to: url)
        var slice = [UInt16](repeating: 0, count: 64 * 64)
        try slice.withUnsafeMutableBytes { try file.decodeFrame(0, into: $0) }
        XCTAssertEqual(slice, Array(pixels[0..<(64 * 64)]))
        assertDICOMError(try slice.withUnsafeMutableBytes { try file.decodeFrame(1, into: $0) }) {
            if case .fileChanged(let path, _) = $0 { return path == url.path }
            return false
        }
        assertDICOMError(try file.decodePixels()) {
            if case .fileChanged = $0 { return true }
            return false
        }
        // Cut inside the header: still typed, never a crash.
        try data.prefix(50).write(to: url)
        assertDICOMError(try slice.withUnsafeMutableBytes { try file.decodeFrame(0, into: $0) }) {
            if case .fileChanged = $0 { return true }
            return false
        }
        try FileManager.default.removeItem(at: url)
        assertDICOMError(try file.decodeFrame(0)) {
            if case .fileUnreadable(let path, _) = $0 { return path == url.path }
            return false
        }
    }

    func testDirectoryIsUnreadableNotACrash() {
        let url = FileManager.default.temporaryDirectory
        for mode in [ReadMode.metadataOnly, .full] {
            assertDICOMError(try DICOMFile.read(contentsOf: url, mode: mode)) {
                if case .fileUnreadable = $0 { return true }
                return false
            }
        }
    }

    func testVRRecognitionMatchesTheStandardList() {
        let codes = Set(VR.all.map(\.code))
        for first in UInt8.min...UInt8.max {
            for second in UInt8.min...UInt8.max {
                let code = UInt16(first) << 8 | UInt16(second)
                XCTAssertEqual(VR(bytes: first, second) != nil, codes.contains(code), "\(first) \(second)")
            }
        }
    }

    func testSpecificCharacterSetIsDecodedOnceAndFollowsChanges() throws {
        var ds = DataSet()
        let latin1Name = Data([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72])  // "Müller" in ISO 8859-1
        ds.insert(DataElement(tag: .patientName, vr: .PN, value: .bytes(latin1Name)))
        ds.set(.specificCharacterSet, .CS, " ISO_IR 100 ")
        XCTAssertEqual(ds.string(.patientName), "Müller")
        ds.set(.specificCharacterSet, .CS, "ISO_IR 192")
        ds.insert(DataElement(tag: .patientName, vr: .PN, value: .bytes(Data("Müller".utf8))))
        XCTAssertEqual(ds.string(.patientName), "Müller")
        ds.remove(.specificCharacterSet)
        ds.insert(DataElement(tag: .patientName, vr: .PN, value: .bytes(latin1Name)))
        XCTAssertEqual(ds.string(.patientName), "Müller", "default repertoire shows bytes above 0x7F as Latin-1")
        // A file round trip keeps the encoding of nested items.
        var outer = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8)
        outer.set(.specificCharacterSet, .CS, "ISO_IR 100")
        var item = DataSet()
        item.insert(DataElement(tag: .patientName, vr: .PN, value: .bytes(latin1Name)))
        outer.set(.radiopharmaceuticalInformationSequence, items: [item])
        outer.setPixels([UInt8(1)])
        let parsed = try DICOMFile.parse(try DICOMWriter().encode(outer))
        XCTAssertEqual(parsed.dataSet.sequence(.radiopharmaceuticalInformationSequence)?.first?.string(.patientName), "Müller")
    }

    func testTextAccessorsTrimAndSplitByteValuesLikeCharacters() {
        // ASCII values take a byte-level path; its results must be those of decoding and trimming Characters.
        var ds = DataSet()
        func set(_ tag: Tag, _ vr: VR, _ bytes: [UInt8]) { ds.insert(DataElement(tag: tag, vr: vr, value: .bytes(Data(bytes)))) }
        set(Tag(0x0008, 0x0070), .LO, Array("  Lightbox \\ Inc \\\\ ".utf8) + [0])
        XCTAssertEqual(ds.string(Tag(0x0008, 0x0070)), "Lightbox \\ Inc \\\\")
        XCTAssertEqual(ds.strings(Tag(0x0008, 0x0070)), ["Lightbox", "Inc", "", ""])
        set(Tag(0x0008, 0x2111), .ST, Array("  keeps leading  ".utf8))
        XCTAssertEqual(ds.string(Tag(0x0008, 0x2111)), "  keeps leading")
        set(.imagePositionPatient, .DS, Array(" -1.5\\2E1 \\+3 ".utf8))
        XCTAssertEqual(ds.doubles(.imagePositionPatient), [-1.5, 20, 3])
        set(.pixelSpacing, .DS, Array("0.8\\abc".utf8))
        XCTAssertNil(ds.doubles(.pixelSpacing))
        set(.instanceNumber, .IS, Array("  ".utf8))
        XCTAssertEqual(ds.ints(.instanceNumber), [])
        set(.seriesDescription, .LO, [])
        XCTAssertEqual(ds.string(.seriesDescription), "")
        XCTAssertEqual(ds.strings(.seriesDescription), [""])
        // Non-ASCII values keep the Character path (Latin-1 by default, UTF-8 when declared).
        set(.patientName, .PN, [0x20, 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x5C, 0x41, 0x20])
        XCTAssertEqual(ds.strings(.patientName), ["Müller", "A"])
        ds.set(.specificCharacterSet, .CS, "ISO_IR 192")
        set(.patientName, .PN, Array(" Zoë\\Ž ".utf8))
        XCTAssertEqual(ds.string(.patientName), "Zoë\\Ž")
        XCTAssertEqual(ds.strings(.patientName), ["Zoë", "Ž"])
    }

    func testMaskedSamplesMatchTheReferenceForEveryLayout() throws {
        // The vectorised masking path (aligned samples) and the sample-by-sample path (unaligned) against the
        // standard's rule: take bits highBit-bitsStored+1 ... highBit, sign-extend when signed.
        var generator = SystemRandomNumberGenerator()
        let raw = (0..<257).map { _ in UInt16.random(in: 0...UInt16.max, using: &generator) }
        for bitsStored in [1, 7, 8, 12, 15] {
            for highBit in Set([bitsStored - 1, 15]) {
                for signed in [false, true] {
                    var ds = Fixtures.image(rows: 1, columns: raw.count, bitsAllocated: 16, bitsStored: bitsStored, signed: signed)
                    ds.set(.highBit, .US, highBit)
                    ds.setPixels(raw)
                    let data = try DICOMWriter().encode(ds)
                    let expected: [Int] = raw.map { value in
                        let field = Int(value >> UInt16(highBit + 1 - bitsStored)) & ((1 << bitsStored) - 1)
                        return signed && field >= 1 << (bitsStored - 1) ? field - (1 << bitsStored) : field
                    }
                    let label = "bits \(bitsStored) high \(highBit) signed \(signed)"
                    let aligned = try DICOMFile.parse(data).decodePixels().storage
                    XCTAssertEqual((0..<aligned.count).map { Int(aligned.value(at: $0)) }, expected, label)
                    // Samples at an odd address take the sample-by-sample path (e.g. shared pixel bytes after
                    // an odd-length OB element); it must agree.
                    let description = try PixelDescription(dataSet: ds)
                    let bytes = [UInt8](repeating: 0, count: 1) + Array(Fixtures.bytes(raw))
                    var unaligned = [UInt16](repeating: 0, count: raw.count)
                    bytes.withUnsafeBytes { source in
                        unaligned.withUnsafeMutableBytes { target in
                            NativePixelDecoder.decodeFrame(0, of: description, from: UnsafeRawBufferPointer(rebasing: source[1...]),
                                                           bigEndian: false, into: target)
                        }
                    }
                    XCTAssertEqual(unaligned.map { signed ? Int(Int16(bitPattern: $0)) : Int($0) }, expected, label + " unaligned")
                    // And the pread path from a file.
                    let url = temporaryURL("mask")
                    try data.write(to: url)
                    let lazy = try DICOMFile.read(contentsOf: url, mode: .metadataOnly).decodeFrame(0).storage
                    XCTAssertEqual((0..<lazy.count).map { Int(lazy.value(at: $0)) }, expected, label + " from file")
                }
            }
        }
    }

    func testEncapsulatedFragmentsPastTheFirstReadAreWalkedFromTheFile() throws {
        // Fragments far larger than the first read: a metadata-only read finds every fragment header (read from
        // the file 8 bytes at a time), and frames fetched later are the fragment bytes.
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8, frames: 3)
        let fragments = (0..<5).map { k in Data((0..<(9_000 + 2_000 * k)).map { UInt8(truncatingIfNeeded: $0 &* (k + 3)) }) }
        let lengths = fragments.map { UInt32($0.count + 8) }
        ds.setEncapsulatedPixels(fragments, basicOffsetTable: [0, lengths[0] + lengths[1], lengths[0] + lengths[1] + lengths[2] + lengths[3]])
        let data = try DICOMWriter(transferSyntax: .rleLossless).encode(ds)
        let url = temporaryURL("encapsulated")
        try data.write(to: url)
        let fromFile = try DICOMFile.read(contentsOf: url, mode: .metadataOnly)
        let inMemory = try DICOMFile.parse(data, mode: .metadataOnly)
        let a = try XCTUnwrap(fromFile.encapsulatedPixelData), b = try XCTUnwrap(inMemory.encapsulatedPixelData)
        XCTAssertEqual(a.basicOffsetTable, b.basicOffsetTable)
        XCTAssertEqual(a.fragments.map(\.itemOffset), b.fragments.map(\.itemOffset))
        XCTAssertEqual(a.fragments.map(\.sourceOffset), b.fragments.map(\.sourceOffset))
        XCTAssertEqual(a.fragments.map(\.length), fragments.map(\.count))
        XCTAssertEqual(try fromFile.encapsulatedFrame(0), fragments[0] + fragments[1])
        XCTAssertEqual(try fromFile.encapsulatedFrame(1), fragments[2] + fragments[3])
        XCTAssertEqual(try fromFile.encapsulatedFrame(2), fragments[4])
        // Cut anywhere in the pixel data: the same typed error (or result) as parsing that prefix in memory.
        let name = url.lastPathComponent
        for length in stride(from: data.count - 1, to: 8_000, by: -997) + [data.count - 8, data.count - 4] {
            try data.prefix(length).write(to: url)
            let expected = Result { try DICOMFile.parse(data.prefix(length), mode: .metadataOnly, name: name) }
            let actual = Result { try DICOMFile.read(contentsOf: url, mode: .metadataOnly) }
            switch (expected, actual) {
            case (.success(let e), .success(let r)):
                XCTAssertEqual(e.encapsulatedPixelData?.fragments.map(\.length), r.encapsulatedPixelData?.fragments.map(\.length))
            case (.failure(let e), .failure(let r)):
                XCTAssertEqual(String(describing: e), String(describing: r), "prefix \(length)")
            default:
                XCTFail("prefix \(length): in memory \(expected), from file \(actual)")
            }
        }
    }
}
