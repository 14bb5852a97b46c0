import DICOM
import Foundation
import XCTest

/// A data set without a SOP Common module (a DICOMDIR's) names its SOP class and instance in the meta group only.
final class WriterMediaStorageTests: XCTestCase {
    func testMediaStorageUIDsStandInForMissingSOPUIDs() throws {
        var ds = DataSet()
        ds.set(.mediaStorageSOPClassUID, .UI, "1.2.840.10008.1.3.10")
        ds.set(.mediaStorageSOPInstanceUID, .UI, "1.2.3.4")
        ds.set(Tag(0x0004, 0x1130), .CS, "SET")
        let file = try DICOMFile.parse(DICOMWriter().encode(ds))
        XCTAssertEqual(file.meta.string(.mediaStorageSOPClassUID), "1.2.840.10008.1.3.10")
        XCTAssertEqual(file.meta.string(.mediaStorageSOPInstanceUID), "1.2.3.4")
        XCTAssertEqual(file.dataSet.elements.map(\.tag), [Tag(0x0004, 0x1130)], "no SOP UIDs and no group 0002 in the data set")
    }

    func testSOPUIDsWinOverMediaStorageUIDs() throws {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.2")
        ds.set(.sopInstanceUID, .UI, "1.2.3.5")
        ds.set(.mediaStorageSOPClassUID, .UI, "1.2.840.10008.1.3.10")
        ds.set(.mediaStorageSOPInstanceUID, .UI, "1.2.3.4")
        let file = try DICOMFile.parse(DICOMWriter().encode(ds))
        XCTAssertEqual(file.meta.string(.mediaStorageSOPClassUID), "1.2.840.10008.5.1.4.1.1.2")
        XCTAssertEqual(file.meta.string(.mediaStorageSOPInstanceUID), "1.2.3.5")
    }

    func testMissingBothIsStillAMissingSOPClass() {
        XCTAssertThrowsError(try DICOMWriter().encode(DataSet())) { error in
            guard case DICOMError.missingElement(let tag) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(tag, .sopClassUID)
        }
    }
}
