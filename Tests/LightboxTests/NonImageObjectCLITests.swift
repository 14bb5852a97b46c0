import DICOM
import Foundation
import Phantom
import XCTest
@testable import lightbox
import Jobs

/// A DICOMDIR or a report next to the images is not offered as a series, and messages count what was skipped.
final class NonImageObjectCLITests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws { folder = CLI.temporaryFolder("nonimage") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    let reportSeries = "1.2.826.7.12"

    /// Writes a DICOMDIR-like file and a Basic Text SR into `target`.
    func writeNonImageObjects(into target: URL, study: String) throws {
        try DICOMWriter().write(SyntheticArchive.directory(referencing: [["CT", "CT_0001.DCM"]]), to: target.appendingPathComponent("DICOMDIR"))
        try DICOMWriter().write(SyntheticArchive.textReport(series: reportSeries, study: study), to: target.appendingPathComponent("report.dcm"))
    }

    func testACTSeriesWithADICOMDIRAndAReportIsOneSeries() throws {
        let ct = try PhantomWriter().write(to: folder).ctFolder
        try writeNonImageObjects(into: ct, study: "1.2.826.7.13")

        let scan = try SeriesScan.scan([ct.path])
        XCTAssertEqual(scan.series.map(\.modality), ["CT"])
        XCTAssertEqual(scan.series.first?.instances.count, PhantomStudy.standard.ct.slices)
        XCTAssertEqual(scan.nonImage.map { URL(fileURLWithPath: $0.path).lastPathComponent }.sorted(), ["DICOMDIR", "report.dcm"])
        XCTAssertEqual(try SeriesScan.pick(scan, uid: nil).seriesInstanceUID, scan.series.first?.seriesInstanceUID)
        XCTAssertThrowsError(try SeriesScan.pick(scan, uid: reportSeries)) { error in
            XCTAssertTrue("\(error)".contains("series \(reportSeries) holds no image"), "\(error)")
            XCTAssertTrue("\(error)".contains("no pixel data (Basic Text SR)"), "\(error)")
        }

        let out = folder.appendingPathComponent("axial.png")
        let render = try CLI.run(["render", ct.path, "-o", out.path, "--size", "64x64", "--quiet"])
        XCTAssertEqual(render.status, 0, render.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.path))
    }

    func testNoSeriesLeftSaysWhatWasSkipped() throws {
        for n in 0..<3 { try Data("note \(n)\n".utf8).write(to: folder.appendingPathComponent("note\(n).txt")) }
        try DICOMWriter().write(SyntheticArchive.directory(referencing: []), to: folder.appendingPathComponent("DICOMDIR"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("gone").path,
                                                   withDestinationPath: folder.appendingPathComponent("missing").path)

        let result = try CLI.run(["render", folder.path, "-o", folder.appendingPathComponent("x.png").path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no readable DICOM series in \(folder.path) (3 non-DICOM files, 1 non-image DICOM object and 1 broken link skipped)"),
                      result.stderr)
    }

    func testThumbnailsSkipNonImageObjects() throws {
        let archive = folder.appendingPathComponent("archive"), out = folder.appendingPathComponent("thumbs")
        try SyntheticArchive(seriesCount: 2, slicesPerSeries: 2, rows: 16, columns: 16).write(to: archive)
        try writeNonImageObjects(into: archive, study: SyntheticArchive.seriesUID(0) + ".0")

        let result = try CLI.run(["thumbnails", archive.path, "-o", out.path, "--size", "32"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("2 series in shard 0/1: 2 written"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1 non-DICOM file and 2 non-image DICOM objects skipped"), result.stdout)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("thumbnails.json"))) as? [String: Any])
        let entries = try XCTUnwrap(report["entries"] as? [[String: Any]])
        XCTAssertEqual(Set(entries.compactMap { $0["seriesInstanceUID"] as? String }), [SyntheticArchive.seriesUID(0), SyntheticArchive.seriesUID(1)])
        let skipped = entries.filter { $0["status"] as? String == "skipped" }
        XCTAssertEqual(Set(skipped.compactMap { ($0["file"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }), ["DICOMDIR", "report.dcm"])
        XCTAssertEqual(Set(skipped.compactMap { $0["error"] as? String }), ["DICOMDIR (Media Storage Directory)", "no pixel data (Basic Text SR)"])
    }

    func testSkippedSummaryCountsEachKind() {
        XCTAssertNil(SkippedFiles(nonDICOM: 0, nonImage: 0, brokenLinks: 0).summary)
        XCTAssertEqual(SkippedFiles(nonDICOM: 1, nonImage: 0, brokenLinks: 0).summary, "1 non-DICOM file skipped")
        XCTAssertEqual(SkippedFiles(nonDICOM: 0, nonImage: 2, brokenLinks: 1).summary, "2 non-image DICOM objects and 1 broken link skipped")
        XCTAssertEqual(SkippedFiles(nonDICOM: 3, nonImage: 1, brokenLinks: 2).summary,
                       "3 non-DICOM files, 1 non-image DICOM object and 2 broken links skipped")
    }
}
