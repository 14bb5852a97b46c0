import DICOM
import Foundation
import XCTest
import Volume

/// Slices read from DICOM JSON (as DICOMweb metadata returns it) carry what slices read from a file carry.
final class SliceMetadataFromJSONTests: XCTestCase {
    func testSliceMetadataFromJSONLikeFromAFile() throws {
        let ds = try XCTUnwrap(DICOMJSON.decode(Data("""
        {"00080018": {"vr": "UI", "Value": ["1.2.3.4"]},
         "0020000E": {"vr": "UI", "Value": ["1.2.3"]},
         "00080060": {"vr": "CS", "Value": ["CT"]},
         "00200013": {"vr": "IS", "Value": [7]},
         "00200052": {"vr": "UI", "Value": ["1.2.9"]},
         "00200032": {"vr": "DS", "Value": [-10, -20.5, 30.25]},
         "00200037": {"vr": "DS", "Value": [1, 0, 0, 0, 1, 0]},
         "00280030": {"vr": "DS", "Value": [0.5, 0.75]},
         "00280010": {"vr": "US", "Value": [4]},
         "00280011": {"vr": "US", "Value": [3]},
         "00280100": {"vr": "US", "Value": [16]},
         "00280101": {"vr": "US", "Value": [12]},
         "00280102": {"vr": "US", "Value": [11]},
         "00280103": {"vr": "US", "Value": [1]},
         "00281052": {"vr": "DS", "Value": [-1024]},
         "00281053": {"vr": "DS", "Value": [1]},
         "7FE00010": {"vr": "OW", "BulkDataURI": "http://x"}}
        """.utf8)).first).dataSet
        let slices = try SliceMetadata.frames(of: ds, imageID: "dicomweb:http://h/studies/1/series/1.2.3/instances/1.2.3.4")
        XCTAssertEqual(slices.count, 1)
        XCTAssertEqual(slices[0].plane.position, Vector3(-10, -20.5, 30.25))
        XCTAssertEqual(slices[0].plane.rows, 4)
        XCTAssertEqual(slices[0].plane.columns, 3)
        XCTAssertEqual(slices[0].rescale.intercept, -1024)
        XCTAssertEqual(slices[0].instanceNumber, 7)
        XCTAssertTrue(slices[0].isSigned)
        let pixels = try PixelDescription(dataSet: ds)
        XCTAssertEqual(pixels.bitsStored, 12)
        XCTAssertEqual(pixels.storedBytesPerFrame, 24)
    }
}
