import XCTest
import Volume

/// Slice labels name an image by the last component of its id, as messages show it.
final class SliceLabelTests: XCTestCase {
    func testLabelIsTheLastPathComponent() {
        XCTAssertEqual(SliceMetadata.label(of: "dicomweb:http://h:8042/dicom-web/studies/1.2/series/1.3/instances/1.4"), "1.4")
        XCTAssertEqual(SliceMetadata.label(of: "file:/data/ct/IM0001.dcm"), "IM0001.dcm")
        XCTAssertEqual(SliceMetadata.label(of: "IM0001"), "IM0001")
        XCTAssertEqual(SliceMetadata.label(of: "series/folder/"), "folder")
        XCTAssertEqual(SliceMetadata.label(of: "a//b//"), "b")
        XCTAssertEqual(SliceMetadata.label(of: "///"), "///")
        XCTAssertEqual(SliceMetadata.label(of: ""), "")
        XCTAssertEqual(SliceMetadata.label(of: "dossier/é🙂.dcm"), "é🙂.dcm")
    }
}
