import Foundation
import Phantom
import XCTest

/// The thumbnails job over a few hundred series with 5% of series holding a broken file: every series and
/// every broken file gets a report entry. (`lightbox bench thumbnails` runs the same at 500 and 2,000 series
/// and prints series/s and peak memory.)
final class ThumbnailsScaleTests: XCTestCase {
    func testThreeHundredSeriesWithFivePercentBrokenAllReported() throws {
        let root = CLI.temporaryFolder("thumbs-scale")
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = root.appendingPathComponent("archive"), output = root.appendingPathComponent("out")
        let broken = try SyntheticArchive(seriesCount: 300, slicesPerSeries: 3, rows: 16, columns: 16, brokenEvery: 20).write(to: archive)
        XCTAssertEqual(broken.count, 15)
        let result = try CLI.run(["thumbnails", archive.path, "-o", output.path, "--jobs", "2", "--quiet"])
        XCTAssertEqual(result.status, 3, "broken files make the run a partial failure: \(result.stderr)")

        struct Report: Decodable {
            struct Entry: Decodable { var seriesInstanceUID: String?; var file: String?; var status: String; var output: String? }
            var entries: [Entry]
        }
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: output.appendingPathComponent("thumbnails.json")))
        let bySeries = Dictionary(report.entries.compactMap { e in e.seriesInstanceUID.map { ($0, e) } }, uniquingKeysWith: { a, _ in a })
        for n in 0..<300 {
            let uid = SyntheticArchive.seriesUID(n)
            guard let entry = bySeries[uid] else { XCTFail("no report entry for series \(n) (\(uid))"); continue }
            XCTAssertEqual(entry.status, "ok", uid)
            XCTAssertTrue(entry.output.map { FileManager.default.fileExists(atPath: output.appendingPathComponent($0).path) } ?? false, uid)
        }
        let files = Set(report.entries.compactMap(\.file).map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        for url in broken { XCTAssertTrue(files.contains(url.standardizedFileURL.path), "no entry for broken file \(url.path)") }
        XCTAssertEqual(report.entries.count, 315)
    }

    /// Peak memory must not grow with the number of series beyond the index of file paths (a few hundred bytes a
    /// file): a run over four times the series may peak at most 4 MiB higher. Keeping each series' headers after
    /// it was processed (a leak once) cost about 12 KB a series: 9 MiB more here.
    func testPeakMemoryDoesNotGrowWithTheArchive() throws {
        let root = CLI.temporaryFolder("thumbs-memory")
        defer { try? FileManager.default.removeItem(at: root) }
        var peaks: [Int] = []
        for count in [250, 1_000] {
            let archive = root.appendingPathComponent("archive-\(count)"), output = root.appendingPathComponent("out-\(count)")
            _ = try SyntheticArchive(seriesCount: count, slicesPerSeries: 3, rows: 16, columns: 16, brokenEvery: 20).write(to: archive)
            let (status, peak) = try CLI.runMeasuringPeakMemory(["thumbnails", archive.path, "-o", output.path, "--jobs", "2", "--quiet"])
            XCTAssertEqual(status, 3, "broken files make the run a partial failure")
            XCTAssertGreaterThan(peak, 0, "no VmHWM read for the child")
            peaks.append(peak)
        }
        let growth = peaks[1] - peaks[0]
        print("thumbnails peak RSS: 250 series \(peaks[0] >> 20) MiB, 1,000 series \(peaks[1] >> 20) MiB (growth \(growth >> 10) KiB)")
        XCTAssertLessThan(growth, 4 << 20, "peak memory grew by \(growth >> 10) KiB from 250 to 1,000 series")
    }
}
