import DICOM
import Foundation
import Loading
import Phantom
import XCTest

/// Walking folders with symbolic links: links to files and folders are followed, loops end, a real file is
/// listed once (under its first path in sorted order) and broken links are skipped and counted.
final class FileListingTests: XCTestCase {
    var root: URL!
    let manager = FileManager.default

    override func setUpWithError() throws {
        root = manager.temporaryDirectory.appendingPathComponent("lightbox-links-\(UUID().uuidString)")
        try manager.createDirectory(at: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? manager.removeItem(at: root) }

    /// Writes `count` slices of a small CT series into `folder` and returns their URLs.
    @discardableResult
    func writeSeries(_ count: Int, in folder: URL, series: String = "1.2.826.7.5") throws -> [URL] {
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        return try (0..<count).map { k in
            let url = folder.appendingPathComponent(String(format: "IM%04d.dcm", k))
            try DICOMWriter().write(SyntheticArchive.slice(k, series: series, rows: 8, columns: 8), to: url)
            return url
        }
    }

    func link(_ name: String, in folder: URL, to destination: String) throws {
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent(name).path, withDestinationPath: destination)
    }

    func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    func testFolderOfLinkedFilesIsOneSeries() throws {
        let originals = try writeSeries(3, in: root.appendingPathComponent("store"))
        let links = root.appendingPathComponent("links")
        for (n, original) in originals.enumerated() { try link("slice\(n).dcm", in: links, to: original.path) }

        let listing = try FileListing(under: [links])
        XCTAssertEqual(listing.paths, (0..<3).map { path("links/slice\($0).dcm") })
        XCTAssertEqual(listing.brokenLinks, [])
        let scan = SeriesScanner().scan(listing.paths.map { URL(fileURLWithPath: $0) })
        XCTAssertEqual(scan.series.map(\.instances.count), [3])
        XCTAssertEqual(scan.failures.count, 0)
    }

    func testLinkedFolderIsWalked() throws {
        let outside = root.appendingPathComponent("outside")
        try writeSeries(2, in: outside.appendingPathComponent("series"))
        let archive = root.appendingPathComponent("archive")
        try writeSeries(1, in: archive.appendingPathComponent("own"), series: "1.2.826.7.6")
        try link("linked", in: archive, to: outside.path)

        let listing = try FileListing(under: [archive])
        XCTAssertEqual(listing.paths, [path("archive/linked/series/IM0000.dcm"), path("archive/linked/series/IM0001.dcm"),
                                       path("archive/own/IM0000.dcm")])
        XCTAssertEqual(SeriesScanner().scan(listing.paths.map { URL(fileURLWithPath: $0) }).series.count, 2)
    }

    func testLinkToAnAncestorEndsTheWalk() throws {
        let archive = root.appendingPathComponent("archive")
        try writeSeries(2, in: archive.appendingPathComponent("sub"))
        try link("up", in: archive.appendingPathComponent("sub"), to: "..")
        try link("again", in: archive.appendingPathComponent("sub/deeper"), to: archive.path)

        let listing = try FileListing(under: [archive])
        XCTAssertEqual(listing.paths, [path("archive/sub/IM0000.dcm"), path("archive/sub/IM0001.dcm")])
        XCTAssertEqual(listing.brokenLinks, [])
    }

    func testFoldersLinkingToEachOtherAreEachWalkedOnce() throws {
        let a = root.appendingPathComponent("a"), b = root.appendingPathComponent("b")
        try writeSeries(1, in: a)
        try writeSeries(1, in: b, series: "1.2.826.7.6")
        try link("to-b", in: a, to: b.path)
        try link("to-a", in: b, to: a.path)

        let listing = try FileListing(under: [root])
        XCTAssertEqual(listing.paths, [path("a/IM0000.dcm"), path("a/to-b/IM0000.dcm")])
    }

    func testBrokenLinksAreSkippedAndCounted() throws {
        try writeSeries(1, in: root)
        try link("gone.dcm", in: root, to: path("never-written.dcm"))
        try link("ping", in: root, to: path("pong"))
        try link("pong", in: root, to: path("ping"))  // a cycle of links leads nowhere either

        let listing = try FileListing(under: [root])
        XCTAssertEqual(listing.paths, [path("IM0000.dcm")])
        XCTAssertEqual(listing.brokenLinks, [path("gone.dcm"), path("ping"), path("pong")])
        XCTAssertEqual(try SeriesScanner.paths(under: [root]), listing.paths)
    }

    func testAFileReachedTwiceIsListedOnceUnderItsFirstPath() throws {
        let originals = try writeSeries(2, in: root.appendingPathComponent("real"))
        try link("0-first.dcm", in: root.appendingPathComponent("real"), to: originals[1].path)
        try link("alias", in: root, to: root.appendingPathComponent("real").path)

        let listing = try FileListing(under: [root, root.appendingPathComponent("real")])
        XCTAssertEqual(listing.paths, [path("alias/0-first.dcm"), path("alias/IM0000.dcm")],
                       "IM0001 is reached as real/IM0001.dcm, real/0-first.dcm and through alias/: the first path wins")
        let scan = SeriesScanner().scan(listing.paths.map { URL(fileURLWithPath: $0) })
        XCTAssertEqual(scan.series.map(\.instances.count), [2])
    }

    func testHiddenFilesAndLinksStaySkipped() throws {
        try writeSeries(1, in: root)
        try writeSeries(1, in: root.appendingPathComponent(".cache"), series: "1.2.826.7.6")
        try link(".hidden.dcm", in: root, to: path("IM0000.dcm"))
        try link(".gone", in: root, to: path("nothing"))

        let listing = try FileListing(under: [root])
        XCTAssertEqual(listing.paths, [path("IM0000.dcm")])
        XCTAssertEqual(listing.brokenLinks, [])
    }

    func testMissingAndDanglingRootsAreNamed() throws {
        try link("dangling", in: root, to: path("nothing"))
        XCTAssertThrowsError(try FileListing(under: [root.appendingPathComponent("dangling")])) { error in
            XCTAssertTrue(String(describing: error).contains("symbolic link to nothing"), "\(error)")
        }
        XCTAssertThrowsError(try FileListing(under: [root.appendingPathComponent("absent")])) { error in
            XCTAssertTrue(String(describing: error).contains("no such file or folder"), "\(error)")
        }
    }
}
