import Foundation
import XCTest
@testable import Loading

/// DICOMweb ids, credentials kept out of every message, and Retry-After parsing (no server needed).
final class DICOMwebIDTests: XCTestCase {
    func testParsesSeriesImageAndFrameIDs() throws {
        let series = try DICOMwebID(parsing: "dicomweb:http://127.0.0.1:8042/dicom-web/studies/1.2/series/1.2.3")
        XCTAssertEqual(series.baseURL, "http://127.0.0.1:8042/dicom-web")
        XCTAssertEqual(series.studyUID, "1.2")
        XCTAssertEqual(series.seriesUID, "1.2.3")
        XCTAssertNil(series.instanceUID)
        XCTAssertEqual(series.metadataURL, "http://127.0.0.1:8042/dicom-web/studies/1.2/series/1.2.3/metadata")
        let image = series.instance("1.2.3.4")
        XCTAssertEqual(image.id, "dicomweb:http://127.0.0.1:8042/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4")
        XCTAssertEqual(try DICOMwebID(parsing: image.id), image)
        XCTAssertEqual(image.frameURL(3), "http://127.0.0.1:8042/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4/frames/3")
        let frame = try DICOMwebID(parsing: image.id + "/frames/2")
        XCTAssertEqual(frame.frame, 2)
        XCTAssertEqual(frame.image, image)
        XCTAssertEqual(frame.series, series)
        XCTAssertEqual(try LoaderRegistry.scheme(of: image.id), "dicomweb")
        XCTAssertEqual(try DICOMwebID(parsing: "dicomweb:https://h/studies/1/series/2/").seriesUID, "2")
    }

    func testRejectsBadIDsAndCredentialsInURLs() {
        for bad in ["file:/x", "dicomweb:http://h/series/1", "dicomweb:ftp://h/studies/1/series/2",
                    "dicomweb:http://h/studies/1/series/2/instances/3/frames/0", "dicomweb:http://h/studies/1/series/2/foo/3"] {
            XCTAssertThrowsError(try DICOMwebID(parsing: bad), bad)
        }
        XCTAssertThrowsError(try DICOMwebID(parsing: "dicomweb:http://bob:hunter2@h/studies/1/series/2")) { error in
            XCTAssertFalse(String(describing: error).contains("hunter2"), "\(error)")
        }
    }

    func testAuthorizationNeverPrintsItsSecret() {
        let basic = DICOMwebAuthorization.basic(user: "bob", password: "hunter2")
        let bearer = DICOMwebAuthorization.bearer("tok3n-s3cret")
        for text in [String(describing: basic), String(reflecting: basic), "\(bearer)", String(reflecting: bearer),
                     dumped(basic), dumped(bearer), String(describing: DICOMwebClient.Configuration(authorization: basic))] {
            XCTAssertFalse(text.contains("hunter2") || text.contains("tok3n") || text.contains("Ym9iOmh1bnRlcjI"), text)
        }
        XCTAssertEqual(basic.headerValue, "Basic Ym9iOmh1bnRlcjI=")
        XCTAssertEqual(bearer.headerValue, "Bearer tok3n-s3cret")
    }

    func testRetryAfterParsing() {
        XCTAssertEqual(DICOMwebClient.parseRetryAfter("2"), .seconds(2))
        XCTAssertEqual(DICOMwebClient.parseRetryAfter(" 0 "), .zero)
        let date = DICOMwebClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")
        XCTAssertEqual(date, .zero, "a date in the past means now")
        XCTAssertNil(DICOMwebClient.parseRetryAfter("soon"))
    }

    private func dumped(_ value: some Any) -> String {
        var text = ""
        dump(value, to: &text)
        return text
    }
}
