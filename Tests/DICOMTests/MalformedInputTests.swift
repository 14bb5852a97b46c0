import DICOM
import Foundation
import XCTest

/// A corpus of broken inputs built in code; each must give a specific typed error, never a crash.
final class MalformedInputTests: XCTestCase {
    /// Explicit VR little-endian element bytes with a 2- or 4-byte length field as the VR demands.
    private func element(_ group: UInt16, _ element: UInt16, _ vr: String, length: UInt32? = nil,
                         _ value: [UInt8] = []) -> [UInt8] {
        var out = Array(Fixtures.bytes([group, element])) + Array(vr.utf8)
        let declared = length ?? UInt32(value.count)
        if let parsed = VR(vr), parsed.hasLongLength {
            out += [0, 0] + Array(Fixtures.bytes([declared]))
        } else {
            out += Array(Fixtures.bytes([UInt16(truncatingIfNeeded: declared)]))
        }
        return out + value
    }

    private func item(_ tag: UInt16, length: UInt32) -> [UInt8] {
        Array(Fixtures.bytes([UInt16(0xFFFE), tag])) + Array(Fixtures.bytes([length]))
    }

    private let modality: [UInt8] = Array(Fixtures.bytes([UInt16(0x0008), 0x0060])) + Array("CS".utf8) + [2, 0] + Array("CT".utf8)

    private func parse(_ bytes: [UInt8], limits: DICOMReadLimits = .default, mode: ReadMode = .full) throws -> DICOMFile {
        try DICOMFile.parse(Data(bytes), mode: mode, limits: limits, name: "bad.dcm")
    }

    private func validFile(frames: Int = 1) throws -> Data {
        var ds = Fixtures.image(rows: 2, columns: 2, bitsAllocated: 16, frames: frames)
        var inner = DataSet()
        inner.set(.units, .CS, "BQML")
        ds.set(.radiopharmaceuticalInformationSequence, items: [inner])
        ds.setPixels([UInt16](repeating: 7, count: 4))
        return try DICOMWriter(sequenceLength: .undefined).encode(ds)
    }

    func testEveryPrefixOfAValidFileFailsTypedOrParsesAtABoundary() throws {
        let data = try validFile()
        let complete = try DICOMFile.parse(data)
        var successes = 0
        for mode in [ReadMode.full, .metadataOnly] {
            for length in 0..<data.count {
                do {
                    let file = try DICOMFile.parse(data.prefix(length), mode: mode, name: "prefix")
                    // Documented result: a prefix ending exactly at an element boundary parses as the elements before it.
                    // Metadata-only: pixel data cut short is recorded as what is there, and decoding it fails.
                    successes += 1
                    if mode == .metadataOnly, file.dataSet[.pixelData] != nil {
                        XCTAssertThrowsError(try file.decodePixels(), "prefix \(length)") { error in
                            guard case .pixelDataTooShort = error as? DICOMError else { return XCTFail("prefix \(length): \(error)") }
                        }
                        continue
                    }
                    XCTAssertLessThan(file.dataSet.count, complete.dataSet.count, "prefix \(length)")
                    XCTAssertNil(file.dataSet[.pixelData], "prefix \(length) cannot hold complete pixel data")
                } catch {
                    switch error {
                    case .truncated, .lengthExceedsData, .notDICOM, .metaGroupLengthMismatch: break
                    default: XCTFail("prefix \(length): unexpected \(error)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(successes, 0)
        XCTAssertNotNil(complete.dataSet[.pixelData])
    }

    func testElementLengthPastEndOfFile() {
        assertDICOMError(try parse(element(0x0008, 0x0060, "CS", length: 100, Array("CT".utf8)))) {
            if case .lengthExceedsData(_, Tag(0x0008, 0x0060), 0, 100, 2) = $0 { return true }
            return false
        }
    }

    func testFourGigabyteLengthOnSmallFileDoesNotAllocate() throws {
        let bytes = modality + element(0x7FE0, 0x0010, "OW", length: 0xFFFF_FFF0, [UInt8](repeating: 0, count: 1000))
        assertDICOMError(try parse(bytes, mode: .full)) {
            if case .lengthExceedsData(_, .pixelData, 10, 0xFFFF_FFF0, 1000) = $0 { return true }
            return false
        }
        // Metadata-only keeps the header usable and records only the 1,000 bytes that are there.
        let file = try parse(bytes, mode: .metadataOnly)
        guard case .notLoaded(_, let length)? = file.dataSet[.pixelData]?.value else { return XCTFail("pixel data not recorded") }
        XCTAssertEqual(length, 1000)
    }

    func testOddLengthIsRejectedExceptInByteStreamsOrWhenAllowed() throws {
        let odd = modality + element(0x0008, 0x0070, "LO", Array("ABC".utf8))
        assertDICOMError(try parse(odd)) {
            if case .oddLength(_, Tag(0x0008, 0x0070), 10, 3) = $0 { return true }
            return false
        }
        XCTAssertEqual(try parse(odd, limits: DICOMReadLimits(allowOddLengths: true)).dataSet.string(Tag(0x0008, 0x0070)), "ABC")
        let oddOB = modality + element(0x0009, 0x1001, "OB", [1, 2, 3])
        XCTAssertEqual(try parse(oddOB).dataSet.bytes(Tag(0x0009, 0x1001)), Data([1, 2, 3]))
    }

    func testUndefinedLengthOnNonSequenceElement() {
        assertDICOMError(try parse(modality + element(0x0008, 0x0070, "UT", length: 0xFFFF_FFFF))) {
            if case .undefinedLengthNotAllowed(_, Tag(0x0008, 0x0070), .UT, 10) = $0 { return true }
            return false
        }
        assertDICOMError(try parse(modality + element(0x0009, 0x1001, "OB", length: 0xFFFF_FFFF))) {
            if case .undefinedLengthNotAllowed(_, Tag(0x0009, 0x1001), .OB, _) = $0 { return true }
            return false
        }
    }

    func testThousandDeepNestingStopsAtDepthLimit() {
        var bytes = modality
        for _ in 0..<1000 {
            bytes += element(0x0008, 0x1115, "SQ", length: 0xFFFF_FFFF) + item(0xE000, length: 0xFFFF_FFFF)
        }
        assertDICOMError(try parse(bytes)) {
            if case .sequenceTooDeep(_, Tag(0x0008, 0x1115), _, 64) = $0 { return true }
            return false
        }
        assertDICOMError(try parse(bytes, limits: DICOMReadLimits(maxSequenceDepth: 3))) {
            if case .sequenceTooDeep(_, _, let offset, 3) = $0 { return offset == 10 + 3 * 20 }
            return false
        }
    }

    func testWrongMagicAndGarbage() {
        let wrongMagic = [UInt8](repeating: 0, count: 128) + Array("DICX".utf8) + [UInt8](repeating: 0x41, count: 100)
        assertDICOMError(try parse(wrongMagic)) {
            if case .notDICOM = $0 { return true }
            return false
        }
        var generator = SystemRandomNumberGenerator()
        var garbage = [UInt8](repeating: 0, count: 1000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        garbage[0] = 0xAB
        assertDICOMError(try parse(garbage)) {
            if case .notDICOM = $0 { return true }
            return false
        }
        assertDICOMError(try parse([0x08, 0x00])) {
            if case .notDICOM = $0 { return true }
            return false
        }
        assertDICOMError(try parse([])) {
            if case .notDICOM = $0 { return true }
            return false
        }
    }

    func testMetaGroupLengthThatLies() throws {
        var data = try validFile()
        data[140] &+= 2  // (0002,0000) value starts at 132 + 8
        assertDICOMError(try DICOMFile.parse(data)) {
            if case .metaGroupLengthMismatch(_, let declared, let actual) = $0 { return declared == actual + 2 }
            return false
        }
    }

    func testInvalidVRBytes() {
        assertDICOMError(try parse(modality + [0x08, 0x00, 0x70, 0x00, 0x01, 0x02, 0x00, 0x00])) {
            if case .invalidVR(_, Tag(0x0008, 0x0070), 10, "0x01 0x02") = $0 { return true }
            return false
        }
    }

    func testSequenceWithoutItemTag() {
        let bytes = modality + element(0x0008, 0x1115, "SQ", length: 10) + modality
        assertDICOMError(try parse(bytes)) {
            if case .malformedSequence(_, Tag(0x0008, 0x1115), 22, _) = $0 { return true }
            return false
        }
    }

    func testItemLengthBeyondSequence() {
        let bytes = modality + element(0x0008, 0x1115, "SQ", length: 8) + item(0xE000, length: 100)
        assertDICOMError(try parse(bytes)) {
            if case .lengthExceedsData(_, .item, 22, 100, 0) = $0 { return true }
            return false
        }
    }

    func testMissingItemDelimiterIsTruncation() {
        let bytes = modality + element(0x0008, 0x1115, "SQ", length: 0xFFFF_FFFF) + item(0xE000, length: 0xFFFF_FFFF) + modality
        assertDICOMError(try parse(bytes)) {
            if case .truncated(_, _, 8, 0, _) = $0 { return true }
            return false
        }
    }

    func testStrayDelimiterInDataSet() {
        assertDICOMError(try parse(modality + item(0xE0DD, length: 0))) {
            if case .malformedSequence(_, .sequenceDelimitationItem, 10, _) = $0 { return true }
            return false
        }
    }

    func testTooManyElements() {
        let bytes = modality + element(0x0008, 0x0070, "LO", Array("AB".utf8)) + element(0x0008, 0x0080, "LO", Array("CD".utf8))
        assertDICOMError(try parse(bytes, limits: DICOMReadLimits(maxElements: 2))) {
            if case .tooManyElements(_, 20, 2) = $0 { return true }
            return false
        }
    }

    func testBasicOffsetTableNotMultipleOfFour() {
        let bytes = modality + element(0x7FE0, 0x0010, "OB", length: 0xFFFF_FFFF) + item(0xE000, length: 2) + [0, 0]
            + item(0xE0DD, length: 0)
        assertDICOMError(try parse(bytes)) {
            if case .malformedSequence(_, .pixelData, 22, _) = $0 { return true }
            return false
        }
    }

    func testEncapsulatedWithoutSequenceDelimiter() {
        let bytes = modality + element(0x7FE0, 0x0010, "OB", length: 0xFFFF_FFFF) + item(0xE000, length: 0)
            + item(0xE000, length: 2) + [1, 2]
        assertDICOMError(try parse(bytes)) {
            if case .truncated(_, 40, 8, 0, _) = $0 { return true }
            return false
        }
    }

    func testCorruptDeflateStreamAndInflateBomb() throws {
        var data = try DICOMWriter(transferSyntax: .deflatedExplicitVRLittleEndian).encode(
            Fixtures.image(rows: 64, columns: 64, bitsAllocated: 8))
        assertDICOMError(try DICOMFile.parse(data, limits: DICOMReadLimits(maxInflatedBytes: 64))) {
            if case .inflatedDataTooLarge(_, 64) = $0 { return true }
            return false
        }
        let bodyStart = data.count - 20
        for index in bodyStart..<data.count { data[index] = 0xFF }
        assertDICOMError(try DICOMFile.parse(data)) {
            if case .inflateFailed = $0 { return true }
            return false
        }
    }

    func testNumberOfFramesFarLargerThanPixelBytes() throws {
        var ds = Fixtures.image(rows: 2, columns: 2, bitsAllocated: 16, frames: 100_000)
        ds.setPixels([UInt16](repeating: 1, count: 4))
        let file = try DICOMFile.parse(try DICOMWriter().encode(ds), name: "frames.dcm")
        assertDICOMError(try file.decodePixels()) {
            if case .pixelDataTooShort("frames.dcm", 100_000, 8, 800_000, 8) = $0 { return true }
            return false
        }
    }

    func testImpossiblePixelAttributes() throws {
        let cases: [(Tag, Int, VR)] = [(.rows, 0, .US), (.columns, 0, .US), (.bitsAllocated, 12, .US),
                                        (.bitsStored, 17, .US), (.highBit, 16, .US), (.pixelRepresentation, 2, .US),
                                        (.samplesPerPixel, 0, .US), (.numberOfFrames, 0, .IS)]
        for (tag, value, vr) in cases {
            var ds = Fixtures.image(rows: 2, columns: 2, bitsAllocated: 16)
            ds.set(tag, vr, value)
            ds.setPixels([UInt16](repeating: 1, count: 4))
            assertDICOMError(try PixelDescription(dataSet: ds), "\(tag)") {
                if case .invalidPixelAttribute(tag, value, _) = $0 { return true }
                return false
            }
        }
        var missing = Fixtures.image(rows: 2, columns: 2, bitsAllocated: 16)
        missing.remove(.rows)
        assertDICOMError(try PixelDescription(dataSet: missing)) {
            if case .missingElement(.rows) = $0 { return true }
            return false
        }
        var badFrames = Fixtures.image(rows: 2, columns: 2, bitsAllocated: 16)
        badFrames.set(.numberOfFrames, .IS, "lots")
        assertDICOMError(try PixelDescription(dataSet: badFrames)) {
            if case .invalidNumber(.numberOfFrames, "lots") = $0 { return true }
            return false
        }
    }

    func testNoPixelDataAndValueTooLong() throws {
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8)
        let file = try DICOMFile.parse(try DICOMWriter().encode(ds), name: "nopix.dcm")
        assertDICOMError(try file.decodePixels()) {
            if case .noPixelData("nopix.dcm") = $0 { return true }
            return false
        }
        ds.set(Tag(0x0008, 0x0070), .LO, String(repeating: "x", count: 70_000))
        assertDICOMError(try DICOMWriter().encode(ds)) {
            if case .valueTooLong(Tag(0x0008, 0x0070), .LO, 70_000, 0xFFFE) = $0 { return true }
            return false
        }
    }

    func testUnreadableFile() {
        let url = URL(fileURLWithPath: "/nonexistent/lightbox/missing.dcm")
        assertDICOMError(try DICOMFile.read(contentsOf: url)) {
            if case .fileUnreadable(let path, _) = $0 { return path == url.path }
            return false
        }
    }

    func testErrorMessagesNameFileTagOffsetAndNumbers() {
        let error = DICOMError.lengthExceedsData(name: "CT_small.dcm", tag: .rows, offset: 812, length: 4_294_967_295, remaining: 102)
        XCTAssertEqual(error.description,
                       "CT_small.dcm: element (0028,0010) at offset 812 declares length 4294967295 but only 102 bytes remain")
    }
}
