import Foundation
import Jobs
import XCTest

/// The thumbnails index gathers every report of the folder (shards too) into one grid, names escaped, images relative.
final class ThumbnailIndexPageTests: XCTestCase {
    func testTheIndexShowsEverySeriesOfEveryShardReport() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-thumb-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ok = ThumbnailReport.Entry(seriesInstanceUID: "1.2.3", modality: "CT", instances: 40, slices: 40,
                                       output: folder.appendingPathComponent("1.2.3.png").path, status: .ok,
                                       warnings: ["uneven slice steps: 3 of 39"], seriesDescription: "Chest <lung> & \"more\"")
        let failed = ThumbnailReport.Entry(seriesInstanceUID: "1.2.4", modality: "PT", instances: 2, slices: 0, status: .error,
                                           error: "no file of the series reads any more")
        let file = ThumbnailReport.Entry(instances: 1, slices: 0, status: .skipped, error: "DICOMDIR", file: "/a/DICOMDIR")
        try ThumbnailReport(shard: "0/2", entries: [ok]).save(folder.appendingPathComponent("thumbnails-shard-0-of-2.json"))
        try ThumbnailReport(shard: "1/2", entries: [failed, file]).save(folder.appendingPathComponent("thumbnails-shard-1-of-2.json"))

        let html = try String(contentsOf: ThumbnailIndexPage.write(folder: folder), encoding: .utf8)
        XCTAssertTrue(html.contains("<h1>2 series</h1>"))
        XCTAssertTrue(html.contains("Chest &lt;lung&gt; &amp; &quot;more&quot;"))
        XCTAssertTrue(html.contains("<img src=\"1.2.3.png\""))
        XCTAssertTrue(html.contains("CT · 40 slices"))
        XCTAssertTrue(html.contains("uneven slice steps: 3 of 39"))
        XCTAssertTrue(html.contains("<figure class=\"error\">"))
        XCTAssertTrue(html.contains("/a/DICOMDIR: DICOMDIR"))
        XCTAssertFalse(html.contains("http"))
    }
}
