import DICOM
import Foundation
import XCTest

final class RoundTripTests: XCTestCase {
    private let syntaxes: [TransferSyntax] = [
        .explicitVRLittleEndian, .implicitVRLittleEndian, .explicitVRBigEndian, .deflatedExplicitVRLittleEndian,
    ]

    /// One element of every VR family, plus a private tag and a 3-deep nested sequence.
    private func everyVR() -> DataSet {
        var ds = Fixtures.image(rows: 2, columns: 3, bitsAllocated: 16, signed: true)
        ds.set(.specificCharacterSet, .CS, "ISO_IR 192")
        ds.set(Tag(0x0008, 0x0054), .AE, "LIGHTBOX")
        ds.set(Tag(0x0010, 0x1010), .AS, "042Y")
        ds.set(.studyDate, .DA, "20240131")
        ds.set(Tag(0x0008, 0x002A), .DT, "20240131120000.5")
        ds.set(.studyTime, .TM, "120000")
        ds.set(.patientWeight, .DS, 72.5)
        ds.set(.instanceNumber, .IS, 7)
        ds.set(.patientID, .LO, "ID-123")
        ds.set(Tag(0x0008, 0x0090), .PN, "Müller^Jürgen")
        ds.set(Tag(0x0020, 0x0010), .SH, "S1")
        ds.set(Tag(0x0020, 0x4000), .LT, "  leading spaces kept")
        ds.set(Tag(0x0008, 0x2111), .ST, "short text")
        ds.set(Tag(0x0040, 0xA160), .UT, "unlimited text")
        ds.set(Tag(0x0008, 0x0119), .UC, "unlimited characters")
        ds.set(Tag(0x0008, 0x0120), .UR, "http://example.com/a")
        ds.set(.frameOfReferenceUID, .UI, "1.2.3")
        ds.set(Tag(0x0018, 0x9087), .FD, [1.5, -2.25])
        ds.set(Tag(0x0018, 0x9089), .FL, Float(0.5))
        ds.set(Tag(0x0018, 0x9219), .SS, -12)
        ds.set(Tag(0x0018, 0x9220), .SL, -123_456)
        ds.set(Tag(0x0018, 0x9221), .UL, 4_000_000_000)
        ds.set(Tag(0x0018, 0x9222), .SV, Int64(-5_000_000_000))
        ds.set(Tag(0x0018, 0x9223), .UV, UInt64(9_000_000_000))
        ds.set(Tag(0x0020, 0x9165), .AT, bytes: Fixtures.bytes([UInt16(0x0028), 0x0010]))
        ds.set(Tag(0x0066, 0x0023), .OF, [Float(1), 2])
        ds.set(Tag(0x0066, 0x0024), .OD, [3.0])
        ds.set(Tag(0x0066, 0x0025), .OL, [UInt32(7), 8])
        ds.set(Tag(0x0066, 0x0026), .OV, [UInt64(9)])
        ds.set(Tag(0x0066, 0x0027), .OW, [UInt16(1), 0xFFFF])
        ds.set(Tag(0x0066, 0x0028), .OB, bytes: Data([1, 2, 3]))
        ds.set(Tag(0x0099, 0x0010), .LO, "PRIVATE CREATOR")
        ds.set(Tag(0x0099, 0x1001), .UN, bytes: Data([9, 8, 7, 6]))
        var level3 = DataSet()
        level3.set(.units, .CS, "BQML")
        var level2 = DataSet()
        level2.set(.radionuclideTotalDose, .DS, 350e6)
        level2.set(.pixelMeasuresSequence, items: [level3, level3])
        var level1 = DataSet()
        level1.set(.radionuclideHalfLife, .DS, 6586.2)
        level1.set(.planePositionSequence, items: [level2])
        ds.set(.radiopharmaceuticalInformationSequence, items: [level1, DataSet()])
        ds.setPixels([Int16(-3), -2, -1, 0, 1, 2])
        return ds
    }

    /// Asserts every element of `expected` is in `actual` with equal bytes (and VR when `compareVR`), recursively.
    private func assertSame(_ actual: DataSet, _ expected: DataSet, compareVR: Bool, _ context: String) {
        XCTAssertEqual(actual.count, expected.count, "element count \(context)")
        for element in expected.elements {
            guard let other = actual[element.tag] else { XCTFail("missing \(element.tag) \(context)"); continue }
            if compareVR { XCTAssertEqual(other.vr, element.vr, "VR of \(element.tag) \(context)") }
            switch (element.value, other.value) {
            case (.bytes(let a), .bytes(let b)):
                var padded = a
                if padded.count % 2 == 1 { padded.append(element.vr.paddingByte) }
                XCTAssertEqual(b, padded, "bytes of \(element.tag) \(context)")
            case (.sequence(let a), .sequence(let b)):
                XCTAssertEqual(a.count, b.count, "items of \(element.tag) \(context)")
                for (x, y) in zip(a, b) { assertSame(y, x, compareVR: compareVR, "\(context) in \(element.tag)") }
            default:
                XCTFail("value kinds differ for \(element.tag) \(context)")
            }
        }
    }

    func testEveryVRRoundTripsInEveryUncompressedSyntaxAndSequenceForm() throws {
        let original = everyVR()
        for syntax in syntaxes {
            for form in [DICOMWriter.SequenceLength.defined, .undefined] {
                let writer = DICOMWriter(transferSyntax: syntax, sequenceLength: form)
                let data = try writer.encode(original)
                let file = try DICOMFile.parse(data, name: "\(syntax.name) \(form)")
                XCTAssertEqual(file.transferSyntax, syntax)
                XCTAssertEqual(file.meta.string(.transferSyntaxUID), syntax.uid)
                XCTAssertEqual(file.meta.string(.implementationVersionName), "LIGHTBOX_1")
                if syntax.isExplicitVR {
                    assertSame(file.dataSet, original, compareVR: true, "\(syntax.name) \(form)")
                } else {
                    // Implicit VR: dictionary VRs, unknown tags come back as UN; the bytes are the same.
                    assertSame(file.dataSet, original, compareVR: false, "\(syntax.name) \(form)")
                    XCTAssertEqual(file.dataSet[.rows]?.vr, .US)
                    XCTAssertEqual(file.dataSet[Tag(0x0066, 0x0023)]?.vr, .UN)
                }
                let nested = file.dataSet.sequence(.radiopharmaceuticalInformationSequence)?.first?
                    .sequence(.planePositionSequence)?.first?.sequence(.pixelMeasuresSequence)
                XCTAssertEqual(nested?.count, 2)
                XCTAssertEqual(nested?.last?.string(.units), "BQML")
            }
        }
    }

    func testTypedAccessorsAfterRoundTrip() throws {
        let file = try DICOMFile.parse(try DICOMWriter(transferSyntax: .explicitVRBigEndian).encode(everyVR()))
        let ds = file.dataSet
        XCTAssertEqual(ds.string(Tag(0x0008, 0x0090)), "Müller^Jürgen")
        XCTAssertEqual(ds.string(Tag(0x0020, 0x4000)), "  leading spaces kept")
        XCTAssertEqual(ds.int(.rows), 2)
        XCTAssertEqual(ds.int(Tag(0x0018, 0x9219)), -12)
        XCTAssertEqual(ds.int(Tag(0x0018, 0x9220)), -123_456)
        XCTAssertEqual(ds.int(Tag(0x0018, 0x9221)), 4_000_000_000)
        XCTAssertEqual(ds.int(Tag(0x0018, 0x9222)), -5_000_000_000)
        XCTAssertEqual(ds.int(Tag(0x0018, 0x9223)), 9_000_000_000)
        XCTAssertEqual(ds.doubles(Tag(0x0018, 0x9087)), [1.5, -2.25])
        XCTAssertEqual(ds.double(Tag(0x0018, 0x9089)), 0.5)
        XCTAssertEqual(ds.double(.patientWeight), 72.5)
        XCTAssertEqual(ds.int(.instanceNumber), 7)
        XCTAssertEqual(ds.bytes(Tag(0x0099, 0x1001)), Data([9, 8, 7, 6]))
        XCTAssertEqual(ds.string(Tag(0x0099, 0x0010)), "PRIVATE CREATOR")
    }

    func testLatin1AndDefaultCharacterSets() throws {
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8)
        ds.set(.specificCharacterSet, .CS, "ISO_IR 100")
        ds.set(.patientName, .PN, bytes: Data([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]))  // "Müller" in Latin-1
        XCTAssertEqual(ds.string(.patientName), "Müller")
        ds.remove(.specificCharacterSet)
        XCTAssertEqual(ds.strings(.imageType), nil)
        ds.set(.imageType, .CS, ["ORIGINAL", "PRIMARY ", " AXIAL"])
        XCTAssertEqual(ds.strings(.imageType), ["ORIGINAL", "PRIMARY", "AXIAL"])
    }

    func testMalformedDecimalStringGivesNilAndTypedError() {
        var ds = DataSet()
        ds.set(.sliceThickness, .DS, "2.5mm")
        ds.set(.instanceNumber, .IS, "twelve")
        XCTAssertNil(ds.double(.sliceThickness))
        XCTAssertNil(ds.int(.instanceNumber))
        assertDICOMError(try ds.requireDouble(.sliceThickness)) {
            if case .invalidNumber(let tag, let text) = $0 { return tag == .sliceThickness && text == "2.5mm" }
            return false
        }
        assertDICOMError(try ds.requireInt(.instanceNumber)) {
            if case .invalidNumber(.instanceNumber, "twelve") = $0 { return true }
            return false
        }
        assertDICOMError(try ds.requireDouble(.rescaleSlope)) {
            if case .missingElement(.rescaleSlope) = $0 { return true }
            return false
        }
    }

    func testFileWithoutPreambleIsRead() throws {
        let data = try DICOMWriter().encode(everyVR())
        let file = try DICOMFile.parse(data.dropFirst(128).dropFirst(4), name: "no-preamble")
        XCTAssertFalse(file.hasPreamble)
        XCTAssertEqual(file.dataSet.int(.columns), 3)
    }
}
