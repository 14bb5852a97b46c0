import XCTest
@testable import Loading

/// The pure rules of the bulk path: which ids a series retrieve can bring, and when the leading slices get requests
/// of their own.
final class RetrievalPolicyTests: XCTestCase {
    func testInstanceIDsAreCutIntoSeriesAndUID() {
        let series = "dicomweb:http://h:8042/dicom-web/studies/1.2/series/1.2.3"
        XCTAssertEqual(DICOMwebLoader.seriesAndInstance(of: series + "/instances/1.2.3.4")?.series, series)
        XCTAssertEqual(DICOMwebLoader.seriesAndInstance(of: series + "/instances/1.2.3.4")?.uid, "1.2.3.4")
        // The last `/instances/` counts, as in a root whose path holds the word.
        let odd = "dicomweb:http://h/instances/studies/1/series/2"
        XCTAssertEqual(DICOMwebLoader.seriesAndInstance(of: odd + "/instances/3")?.series, odd)
        for other in [series + "/instances/1.2.3.4/frames/1", series + "/instances/", series, "instances/3", "/instances/3x/",
                      "dicomweb:http://h/studies/1/series/2/instancesX/3", ""] {
            XCTAssertNil(DICOMwebLoader.seriesAndInstance(of: other), other)
        }
        XCTAssertEqual(DICOMwebLoader.seriesAndInstance(of: "/instances/3")?.series, "")
    }

    func testLeadingSlicesGetRequestsOfTheirOwnOnlyForLargeSlowRetrieves() {
        let large = Double(DICOMwebRetrieval.leadingRequestBytes), seconds = DICOMwebRetrieval.leadingRequestSeconds
        XCTAssertFalse(DICOMwebRetrieval.worthLeadingRequests(bulkBytes: large - 1, throughput: nil), "small: never")
        XCTAssertFalse(DICOMwebRetrieval.worthLeadingRequests(bulkBytes: large - 1, throughput: 1))
        XCTAssertTrue(DICOMwebRetrieval.worthLeadingRequests(bulkBytes: large, throughput: nil), "large, link not measured")
        let ct = 150e6
        XCTAssertFalse(DICOMwebRetrieval.worthLeadingRequests(bulkBytes: ct, throughput: ct / seconds * 1.5), "arrives within the bound")
        XCTAssertTrue(DICOMwebRetrieval.worthLeadingRequests(bulkBytes: ct, throughput: ct / seconds / 1.5), "takes longer")
        XCTAssertTrue(DICOMwebRetrieval.worthLeadingRequests(bulkBytes: ct, throughput: 0), "a nonsense measurement is none")
    }
}
