import DICOM
import Foundation
import Loading
import Phantom
import XCTest

/// DICOM files without images (DICOMDIR, reports, presentation states…) are set aside with a reason by both
/// `scan` and `index`, and never form a series.
final class NonImageObjectTests: XCTestCase {
    var folder: URL!
    let series = "1.2.826.7.8"

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-nonimage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func write(_ ds: DataSet, _ name: String) throws {
        try DICOMWriter().write(ds, to: folder.appendingPathComponent(name))
    }

    /// Three CT slices, and next to them every kind of object without an image.
    func writeMixedFolder() throws {
        for k in 0..<3 { try write(SyntheticArchive.slice(k, series: series, rows: 8, columns: 8), "CT\(k).dcm") }
        try write(SyntheticArchive.directory(referencing: [["CT0.dcm"], ["CT1.dcm"], ["CT2.dcm"]]), "DICOMDIR")
        try write(SyntheticArchive.textReport(series: "1.2.826.7.9", study: series + ".0"), "report.dcm")
        var records = SyntheticArchive.directory(referencing: [["CT0.dcm"]])
        records.set(.sopClassUID, .UI, "1.2.3.4.5")  // not the DICOMDIR class, but it holds directory records
        try write(records, "records.dcm")
        var keyObjects = SyntheticArchive.textReport(series: "1.2.826.7.10", study: series + ".0")
        keyObjects.set(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.88.59")
        keyObjects.set(.modality, .CS, "KO")
        try write(keyObjects, "keys.dcm")
        var unknown = SyntheticArchive.textReport(series: "1.2.826.7.11", study: series + ".0")
        unknown.set(.sopClassUID, .UI, "1.2.3.4.6")
        unknown.set(.modality, .CS, "OT")
        try write(unknown, "other.dcm")
    }

    let expectedReasons = [
        "DICOMDIR": "DICOMDIR (Media Storage Directory)",
        "keys.dcm": "no pixel data (Key Object Selection)",
        "other.dcm": "no pixel data (modality OT)",
        "records.dcm": "DICOMDIR (Media Storage Directory)",
        "report.dcm": "no pixel data (Basic Text SR)",
    ]

    func reasons(_ objects: [SeriesScanner.NonImageObject]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: objects.map { (URL(fileURLWithPath: $0.path).lastPathComponent, $0.reason) })
    }

    func testScanSetsNonImageObjectsAside() throws {
        try writeMixedFolder()
        let result = SeriesScanner().scan(try SeriesScanner.files(under: [folder]))
        XCTAssertEqual(result.series.map(\.seriesInstanceUID), [series])
        XCTAssertEqual(result.series.first?.instances.count, 3)
        XCTAssertEqual(reasons(result.nonImage), expectedReasons)
        XCTAssertEqual(result.nonImage.first { $0.path.hasSuffix("report.dcm") }?.seriesInstanceUID, "1.2.826.7.9")
        XCTAssertEqual(result.failures.count, 0)
        XCTAssertEqual(result.skipped, [])
    }

    func testIndexSetsTheSameObjectsAside() throws {
        try writeMixedFolder()
        let index = SeriesScanner().index(try SeriesScanner.paths(under: [folder]))
        XCTAssertEqual(index.series.map(\.seriesInstanceUID), [series])
        XCTAssertEqual(index.series.first?.paths.count, 3)
        XCTAssertEqual(reasons(index.nonImage), expectedReasons)
    }

    func testFloatPixelDataIsAnImage() throws {
        try write(SyntheticArchive.slice(0, series: series, rows: 8, columns: 8) { ds in
            ds.remove(.pixelData)
            ds.set(.bitsAllocated, .US, 32)
            ds.setPixels([Float](repeating: 1, count: 64))
        }, "float.dcm")
        let result = SeriesScanner().scan(try SeriesScanner.files(under: [folder]))
        XCTAssertEqual(result.series.count, 1)
        XCTAssertEqual(result.nonImage, [])
    }

    /// A slice that declares rows and columns but lost its pixel data stays in its series, so loading reports
    /// the broken slice instead of the series silently missing it.
    func testImageWithoutItsPixelDataStaysInItsSeries() throws {
        for k in 0..<3 {
            try write(SyntheticArchive.slice(k, series: series, rows: 8, columns: 8) { ds in if k == 1 { ds.remove(.pixelData) } }, "CT\(k).dcm")
        }
        let result = SeriesScanner().scan(try SeriesScanner.files(under: [folder]))
        XCTAssertEqual(result.series.first?.instances.count, 3)
        XCTAssertEqual(result.nonImage, [])
    }

    func testIndexedFileThatLostItsImageIsAFailureWhenLoaded() throws {
        for k in 0..<2 { try write(SyntheticArchive.slice(k, series: series, rows: 8, columns: 8), "CT\(k).dcm") }
        let scanner = SeriesScanner()
        let entry = try XCTUnwrap(scanner.index(try SeriesScanner.paths(under: [folder])).series.first)
        try write(SyntheticArchive.textReport(series: series, study: series + ".0"), "CT1.dcm")
        let (loaded, failures) = scanner.load(entry)
        XCTAssertEqual(loaded?.instances.count, 1)
        XCTAssertEqual(failures.map { URL(fileURLWithPath: $0.path).lastPathComponent }, ["CT1.dcm"])
        XCTAssertTrue(failures.first?.error.description.contains("Basic Text SR") == true, "\(failures)")
    }
}
