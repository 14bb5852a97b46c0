import DICOM
import Foundation
import XCTest

final class WriterTests: XCTestCase {
    private func phantom() -> DataSet {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.2")
        ds.set(.sopInstanceUID, .UI, "1.2.3.4.5")
        ds.set(.patientName, .PN, "Phantom^PETCT")
        ds.set(.rows, .US, UInt16(2))
        ds.set(.columns, .US, UInt16(2))
        ds.set(.imagePositionPatient, .DS, [-125.5, 0.1, 1.0 / 3.0])
        ds.setPixels([Int16(-1), 2, 3, 4])
        return ds
    }

    func testPart10HeaderAndMetaGroup() throws {
        let data = try DICOMWriter().encode(phantom())
        XCTAssertEqual(data.prefix(128), Data(count: 128))
        XCTAssertEqual(String(decoding: data[128..<132], as: UTF8.self), "DICM")
        // First meta element: (0002,0000) UL length 4.
        XCTAssertEqual(Array(data[132..<140]), [0x02, 0x00, 0x00, 0x00, 0x55, 0x4C, 0x04, 0x00])
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains(DICOMWriter.implementationClassUID))
        XCTAssertTrue(text.contains("LIGHTBOX_1"))
        XCTAssertEqual(data.count % 2, 0)
    }

    func testOutputIsDeterministic() throws {
        XCTAssertEqual(try DICOMWriter().encode(phantom()), try DICOMWriter().encode(phantom()))
    }

    func testDecimalStringsFitSixteenCharacters() throws {
        let ds = phantom()
        let values = try XCTUnwrap(ds.strings(.imagePositionPatient))
        XCTAssertEqual(values.count, 3)
        XCTAssertTrue(values.allSatisfy { $0.count <= 16 }, "\(values)")
        XCTAssertEqual(ds.doubles(.imagePositionPatient)?[0], -125.5)
        XCTAssertEqual(try XCTUnwrap(ds.doubles(.imagePositionPatient)?[2]), 1.0 / 3.0, accuracy: 1e-12)
    }

    func testMissingSOPInstanceIsTypedError() {
        var ds = phantom()
        ds.remove(.sopInstanceUID)
        XCTAssertThrowsError(try DICOMWriter().encode(ds)) { error in
            guard case DICOMError.missingElement(let tag) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(tag, .sopInstanceUID)
        }
    }
}
