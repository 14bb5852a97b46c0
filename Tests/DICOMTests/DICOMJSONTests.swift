import DICOM
import Foundation
import XCTest

/// The DICOM JSON model (PS3.18 F.2) → DataSet, on hand-written JSON.
final class DICOMJSONTests: XCTestCase {
    func convert(_ json: String) throws -> DICOMJSON.Object {
        let objects = try DICOMJSON.decode(Data(json.utf8))
        XCTAssertEqual(objects.count, 1)
        return try XCTUnwrap(objects.first)
    }

    func testTextVRsJoinValuesAndKeepEmptyOnes() throws {
        let ds = try convert("""
        [{
          "00080005": {"vr": "CS", "Value": ["ISO_IR 100"]},
          "00080008": {"vr": "CS", "Value": ["ORIGINAL", "PRIMARY", "AXIAL"]},
          "00080020": {"vr": "DA", "Value": ["20240131"]},
          "00080030": {"vr": "TM", "Value": ["094500.123"]},
          "00080050": {"vr": "SH"},
          "00080054": {"vr": "AE", "Value": ["ORTHANC"]},
          "00081030": {"vr": "LO", "Value": ["Brust ü"]},
          "00101010": {"vr": "AS", "Value": ["042Y"]},
          "00181030": {"vr": "LO", "Value": ["a", null, "c"]},
          "0020000D": {"vr": "UI", "Value": ["1.2.3"]},
          "00204000": {"vr": "LT", "Value": ["line one\\r\\nline two"]},
          "00080081": {"vr": "ST", "Value": ["Street 1"]},
          "0040A30A": {"vr": "DS", "Value": [1.5]},
          "00081190": {"vr": "UR", "Value": ["http://x/y"]},
          "0040A160": {"vr": "UT", "Value": ["long text"]},
          "00080015": {"vr": "DT", "Value": ["20240131094500"]},
          "00189005": {"vr": "UC", "Value": ["unlimited"]}
        }]
        """).dataSet
        XCTAssertEqual(ds.strings(.init(0x0008, 0x0008)), ["ORIGINAL", "PRIMARY", "AXIAL"])
        XCTAssertEqual(ds.string(.init(0x0008, 0x0020)), "20240131")
        XCTAssertEqual(ds.string(.init(0x0008, 0x0030)), "094500.123")
        XCTAssertEqual(ds[.init(0x0008, 0x0050)]?.vr, .SH)
        XCTAssertEqual(ds.bytes(.init(0x0008, 0x0050)), Data(), "an attribute without Value is present and empty")
        XCTAssertEqual(ds.string(.init(0x0008, 0x1030)), "Brust ü", "text is kept as UTF-8")
        XCTAssertEqual(ds.string(.specificCharacterSet), "ISO_IR 192", "JSON text is Unicode")
        XCTAssertEqual(ds.strings(.init(0x0018, 0x1030)), ["a", "", "c"])
        XCTAssertEqual(ds.string(.init(0x0020, 0x000D)), "1.2.3")
        XCTAssertEqual(ds.bytes(.init(0x0020, 0x000D))?.count, 6, "UI padded to even length with NUL")
        XCTAssertEqual(ds.bytes(.init(0x0020, 0x000D))?.last, 0)
        XCTAssertEqual(ds.string(.init(0x0020, 0x4000)), "line one\r\nline two")
        XCTAssertEqual(ds[.init(0x0018, 0x9005)]?.vr, .UC)
        XCTAssertEqual(ds.string(.init(0x0008, 0x0015)), "20240131094500")
    }

    func testPersonNamesUseAlphabeticAndKeepOtherGroups() throws {
        let ds = try convert("""
        {"00100010": {"vr": "PN", "Value": [{"Alphabetic": "Doe^Jane"}]},
         "00080090": {"vr": "PN", "Value": [{"Alphabetic": "Yamada^Tarou", "Ideographic": "山田^太郎", "Phonetic": "やまだ^たろう"}]},
         "00081070": {"vr": "PN", "Value": [{"Alphabetic": "A^B"}, {"Alphabetic": "C^D"}]},
         "00081050": {"vr": "PN", "Value": [{}]},
         "00321032": {"vr": "PN"}}
        """).dataSet
        XCTAssertEqual(ds.string(.init(0x0010, 0x0010)), "Doe^Jane")
        XCTAssertEqual(ds.string(.init(0x0008, 0x0090)), "Yamada^Tarou=山田^太郎=やまだ^たろう")
        XCTAssertEqual(ds.strings(.init(0x0008, 0x1070)), ["A^B", "C^D"])
        XCTAssertEqual(ds.string(.init(0x0008, 0x1050)), "")
        XCTAssertTrue(ds.contains(.init(0x0032, 0x1032)))
    }

    func testNumbersAsNumbersOrStrings() throws {
        let ds = try convert("""
        {"00280010": {"vr": "US", "Value": [512]},
         "00280106": {"vr": "SS", "Value": [-2000]},
         "00280120": {"vr": "US", "Value": [65535]},
         "00181151": {"vr": "IS", "Value": [170, "171", null]},
         "00200032": {"vr": "DS", "Value": [-158.135803, "-179.035797", -75.699997]},
         "00281053": {"vr": "DS", "Value": [1]},
         "00281052": {"vr": "DS", "Value": [-1024]},
         "00541081": {"vr": "UL", "Value": [4294967295]},
         "00189219": {"vr": "SL", "Value": [-2147483648]},
         "0018605A": {"vr": "FL", "Value": [0.5, "NaN", "-Infinity"]},
         "00189089": {"vr": "FD", "Value": [3.141592653589793]},
         "00720074": {"vr": "SV", "Value": [-9007199254740993, "-9223372036854775808"]},
         "00720075": {"vr": "UV", "Value": ["18446744073709551615", 7]}}
        """).dataSet
        XCTAssertEqual(ds.int(.rows), 512)
        XCTAssertEqual(ds[.rows]?.vr, .US)
        XCTAssertEqual(ds.bytes(.rows), Data([0x00, 0x02]), "US is binary little-endian")
        XCTAssertEqual(ds.int(.init(0x0028, 0x0106)), -2000)
        XCTAssertEqual(ds.int(.init(0x0028, 0x0120)), 65535)
        XCTAssertEqual(ds.strings(.init(0x0018, 0x1151)), ["170", "171", ""])
        XCTAssertEqual(ds.doubles(.imagePositionPatient), [-158.135803, -179.035797, -75.699997])
        XCTAssertEqual(ds.string(.rescaleSlope), "1")
        XCTAssertEqual(ds.double(.rescaleIntercept), -1024)
        XCTAssertEqual(ds.int(.init(0x0054, 0x1081)), 4294967295)
        XCTAssertEqual(ds.int(.init(0x0018, 0x9219)), -2147483648)
        let floats = try XCTUnwrap(ds.doubles(.init(0x0018, 0x605A)))
        XCTAssertEqual(floats[0], 0.5)
        XCTAssertTrue(floats[1].isNaN)
        XCTAssertEqual(floats[2], -.infinity)
        XCTAssertEqual(ds.double(.init(0x0018, 0x9089)), 3.141592653589793)
        XCTAssertEqual(ds.bytes(.init(0x0072, 0x0074)).map { words($0, Int64.self) }, [-9007199254740993, Int64.min])
        XCTAssertEqual(ds.bytes(.init(0x0072, 0x0075)).map { words($0, UInt64.self) }, [UInt64.max, 7])
    }

    func words<T: FixedWidthInteger>(_ data: Data, _ type: T.Type) -> [T] {
        stride(from: 0, to: data.count, by: MemoryLayout<T>.size).map { offset in
            data.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        }
    }

    func testDecimalStringsStayWithin16Characters() throws {
        let ds = try convert(#"{"00281050": {"vr": "DS", "Value": [0.1234567890123456789, 12345678901234567890]}}"#).dataSet
        let texts = try XCTUnwrap(ds.strings(.init(0x0028, 0x1050)))
        XCTAssertTrue(texts.allSatisfy { $0.count <= 16 }, "\(texts)")
        XCTAssertEqual(try XCTUnwrap(Double(texts[0])), 0.1234567890123456789, accuracy: 1e-14)
    }

    func testAttributeTagsSequencesAndBinary() throws {
        let object = try convert("""
        {"00209165": {"vr": "AT", "Value": ["00189344", "0020000D"]},
         "00540016": {"vr": "SQ", "Value": [
             {"00181072": {"vr": "TM", "Value": ["080000"]},
              "00181074": {"vr": "DS", "Value": [370000000]},
              "00540300": {"vr": "SQ", "Value": [{"00080100": {"vr": "SH", "Value": ["C-111A1"]}}]}},
             {"00181072": {"vr": "TM", "Value": ["090000"]}}]},
         "00400275": {"vr": "SQ", "Value": []},
         "00283006": {"vr": "OW", "InlineBinary": "AAABAAIA/38="},
         "00420011": {"vr": "OB", "BulkDataURI": "http://server/bulk/1"},
         "7FE00010": {"vr": "OW", "BulkDataURI": "http://server/pixels"},
         "00091001": {"vr": "UN", "InlineBinary": "3q2+7w=="},
         "00540017": {"vr": "SQ", "Value": [{"00287FE0": {"vr": "OB", "BulkDataURI": "http://server/nested"}}]}}
        """)
        let ds = object.dataSet
        XCTAssertEqual(ds.bytes(.init(0x0020, 0x9165)), Data([0x18, 0x00, 0x44, 0x93, 0x20, 0x00, 0x0D, 0x00]))
        let items = try XCTUnwrap(ds.sequence(.init(0x0054, 0x0016)))
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0].string(.init(0x0018, 0x1072)), "080000")
        XCTAssertEqual(items[0].double(.init(0x0018, 0x1074)), 370000000)
        XCTAssertEqual(items[0].sequence(.init(0x0054, 0x0300))?.first?.string(.init(0x0008, 0x0100)), "C-111A1")
        XCTAssertEqual(items[1].string(.init(0x0018, 0x1072)), "090000")
        XCTAssertEqual(ds.sequence(.init(0x0040, 0x0275))?.count, 0)
        XCTAssertEqual(ds.bytes(.init(0x0028, 0x3006)), Data([0, 0, 1, 0, 2, 0, 0xFF, 0x7F]))
        XCTAssertEqual(ds.ints(.init(0x0028, 0x3006)), nil, "OW is raw bytes")
        XCTAssertEqual(ds.bytes(.init(0x0009, 0x1001)), Data([0xDE, 0xAD, 0xBE, 0xEF]))
        XCTAssertTrue(ds.contains(.pixelData))
        XCTAssertEqual(ds[.pixelData]?.vr, .OW)
        XCTAssertEqual(object.bulkDataURIs, [
            "00420011": "http://server/bulk/1",
            "7FE00010": "http://server/pixels",
            "00540017/0/00287FE0": "http://server/nested",
        ])
    }

    func testMalformedJSONNamesTheElement() {
        let cases: [(String, String)] = [
            (#"[{"0010001": {"vr": "PN"}}]"#, "8 hex digits"),
            (#"[{"00100010": {"Value": ["x"]}}]"#, "vr"),
            (#"[{"00100010": {"vr": "XX"}}]"#, "vr"),
            (#"[{"00280010": {"vr": "US", "Value": ["many"]}}]"#, "00280010"),
            (#"[{"00280010": {"vr": "US", "Value": 5}}]"#, "must be an array"),
            (#"[{"00540016": {"vr": "SQ", "Value": [5]}}]"#, "00540016[0]"),
            (#"[{"00540016": {"vr": "SQ", "Value": [{"00181072": {"vr": "DS", "Value": ["x"]}}]}}]"#, "00540016[0]/00181072"),
            (#"[{"00283006": {"vr": "OW", "InlineBinary": "!!!"}}]"#, "base64"),
            ("not json", "not JSON"),
            ("42", "expected an array"),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try DICOMJSON.decode(Data(json.utf8)), json) { error in
                XCTAssertTrue(String(describing: error).contains(expected), "\(json): \(error)")
            }
        }
    }
}
