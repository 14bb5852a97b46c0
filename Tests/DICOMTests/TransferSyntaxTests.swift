import XCTest
@testable import DICOM

/// Transfer syntaxes are found by UID, with the value's padding (a trailing NUL or space) ignored.
final class TransferSyntaxTests: XCTestCase {
    func testKnownUIDsWithAndWithoutPadding() {
        XCTAssertEqual(TransferSyntax(uid: "1.2.840.10008.1.2.1"), .explicitVRLittleEndian)
        XCTAssertEqual(TransferSyntax(uid: "1.2.840.10008.1.2\0"), .implicitVRLittleEndian)
        XCTAssertEqual(TransferSyntax(uid: "1.2.840.10008.1.2.4.90 "), .jpeg2000Lossless)
        for syntax in TransferSyntax.known { XCTAssertEqual(TransferSyntax(uid: syntax.uid), syntax) }
    }

    func testUnknownUIDIsEncapsulatedExplicitLittleEndian() {
        let unknown = TransferSyntax(uid: "1.2.3.4\0")
        XCTAssertEqual(unknown.uid, "1.2.3.4")
        XCTAssertEqual(unknown.name, "Unknown Transfer Syntax")
        XCTAssertTrue(unknown.isExplicitVR)
        XCTAssertTrue(unknown.isEncapsulated)
        XCTAssertFalse(unknown.isBigEndian)
    }
}
