import Foundation
import XCTest
@testable import DICOM

/// `int(_:)` and `double(_:)` read the first value in place; they must give exactly what the first of `ints(_:)`
/// and `doubles(_:)` gives, for every VR they read and for short, padded, multi-valued, empty and malformed values.
final class FirstValueTests: XCTestCase {
    private let tag = Tag(0x0009, 0x0010)

    private func dataSet(_ vr: VR, _ bytes: [UInt8], tag: Tag? = nil) -> DataSet {
        var ds = DataSet()
        ds.insert(DataElement(tag: tag ?? self.tag, vr: vr, value: .bytes(Data(bytes))))
        return ds
    }

    private func little<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    }

    private func assertAgrees(_ ds: DataSet, tag: Tag? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let t = tag ?? self.tag
        XCTAssertEqual(ds.int(t), ds.ints(t)?.first, "int", file: file, line: line)
        let first = ds.doubles(t)?.first, value = ds.double(t)
        XCTAssertEqual(value?.bitPattern, first?.bitPattern, "double: \(String(describing: value)) vs \(String(describing: first))", file: file, line: line)
    }

    func testBinaryValuesAgreeWithTheArrays() {
        let cases: [(VR, [UInt8])] = [
            (.US, little([UInt16(512), 7])), (.US, little([UInt16.max])), (.US, [0x01]), (.US, []),
            (.SS, little([Int16(-1024)])), (.SS, little([Int16.min, 3])),
            (.UL, little([UInt32.max])), (.SL, little([Int32(-5), 9])),
            (.SV, little([Int64.min])), (.UV, little([UInt64.max, 4])), (.UV, little([UInt64(12)])),
            (.FL, withUnsafeBytes(of: Float(1.5)) { Array($0) } + withUnsafeBytes(of: Float(-2)) { Array($0) }),
            (.FL, [0x00, 0x00]), (.FD, withUnsafeBytes(of: Double.pi) { Array($0) }),
            (.OF, withUnsafeBytes(of: Float.nan) { Array($0) }), (.OD, withUnsafeBytes(of: -0.0) { Array($0) }),
        ]
        for (vr, bytes) in cases { assertAgrees(dataSet(vr, bytes)) }
    }

    func testTextValuesAgreeWithTheArrays() {
        let texts = ["1.0 ", " -1024", "0.00123", "1E3 ", "12\\34", "1.5\\x", "x\\1", "", " ", "\0", "abc", "1.0\0",
                     "nan", "inf", "1e999", "+7", "3.", "-", "12 34", "1\\", "\\2"]
        for vr in [VR.DS, .IS] {
            for text in texts { assertAgrees(dataSet(vr, Array(text.utf8))) }
            assertAgrees(dataSet(vr, [0x31, 0xC3, 0xA9]))  // not ASCII
        }
    }

    func testAnUnknownVRIsReadAsTheDictionarysVR() {
        // (0028,0010) Rows is US and (0028,1053) Rescale Slope is DS: an explicit UN element of either reads as such.
        let rows = dataSet(.UN, little([UInt16(256)]), tag: .rows)
        XCTAssertEqual(rows.int(.rows), 256)
        assertAgrees(rows, tag: .rows)
        let slope = dataSet(.UN, Array("2.5 ".utf8), tag: .rescaleSlope)
        XCTAssertEqual(slope.double(.rescaleSlope), 2.5)
        assertAgrees(slope, tag: .rescaleSlope)
    }

    func testAbsentAndNonByteValuesAreNil() {
        XCTAssertNil(DataSet().int(tag))
        XCTAssertNil(DataSet().double(tag))
        var ds = DataSet()
        ds.insert(DataElement(tag: tag, vr: .SQ, value: .sequence([])))
        XCTAssertNil(ds.int(tag))
        XCTAssertNil(ds.double(tag))
        XCTAssertNil(dataSet(.LO, Array("12".utf8)).int(tag))
    }
}
