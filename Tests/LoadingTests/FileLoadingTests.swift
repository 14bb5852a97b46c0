import DICOM
import XCTest
@testable import Loading
@testable import Phantom
import Volume

/// Streaming the phantom from real DICOM files on disk.
final class FileLoadingTests: XCTestCase {
    static let folder: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-loading-\(ProcessInfo.processInfo.processIdentifier)")
        _ = try? PhantomWriter().write(to: url)
        return url
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(at: folder)
    }

    func imageIDs(_ series: String) throws -> [String] {
        try SeriesScanner.files(under: [Self.folder.appendingPathComponent(series)]).map(FileImageLoader.imageID(for:))
    }

    func testCTStreamsToExactlyThePhantomValues() async throws {
        let manager = VolumeManager(registry: LoaderRegistry([FileImageLoader()]))
        let streaming = try await manager.createAndCacheVolume(id: "file:ct", imageIDs: try imageIDs("CT").shuffled())
        XCTAssertEqual(streaming.volume.voxelType, .int16)
        XCTAssertEqual(streaming.volume.rescale.intercept, -1024)
        XCTAssertEqual(streaming.volume.buffer.byteCount, 256 * 256 * 120 * 2, "CT must stay 16-bit")
        let state = await streaming.load()
        XCTAssertEqual(state, .complete)
        let study = PhantomStudy.standard
        for k in [0, 33, 60, 119] {
            let expected = study.ctSlice(k)
            let actual = Array(streaming.volume.sliceBytes(k).bindMemory(to: Int16.self))
            XCTAssertEqual(actual, expected, "slice \(k)")
        }
        XCTAssertEqual(streaming.volume.value(128, 181, 60), 700, "spine HU at the back of the mid slice")
    }

    func testPETBecomesFloatWithPerSliceRescaleApplied() async throws {
        let manager = VolumeManager(registry: LoaderRegistry([FileImageLoader()]))
        let streaming = try await manager.createAndCacheVolume(id: "file:pet", imageIDs: try imageIDs("PET"))
        XCTAssertEqual(streaming.volume.voxelType, .float32)
        let state = await streaming.load()
        XCTAssertEqual(state, .complete)
        let study = PhantomStudy.standard
        for k in [5, 30, 59] {
            let (stored, slope) = study.petSlice(k)
            let actual = streaming.volume.sliceBytes(k).bindMemory(to: Float.self)
            for n in stride(from: 0, to: stored.count, by: 97) {
                XCTAssertEqual(actual[n], Float(Double(stored[n]) * slope), "slice \(k) voxel \(n)")
            }
        }
    }

    func testCorruptFileInTheMiddleFailsOnlyItsSlice() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-corrupt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent("CT"), to: folder)
        let victim = folder.appendingPathComponent("CT_0061.dcm")
        let bytes = try Data(contentsOf: victim)
        try bytes.prefix(bytes.count - 5000).write(to: victim)  // header intact, pixels cut short
        let ids = try SeriesScanner.files(under: [folder]).map(FileImageLoader.imageID(for:))
        let manager = VolumeManager(registry: LoaderRegistry([FileImageLoader()]))
        let streaming = try await manager.createAndCacheVolume(id: "file:ct", imageIDs: ids)
        let events = streaming.events()
        let state = await streaming.load()
        let failedIndex = try XCTUnwrap(streaming.volume.slices.firstIndex { $0.imageID.hasSuffix("CT_0061.dcm") })
        XCTAssertEqual(state, .incomplete(failedSlices: [failedIndex]))
        var messages: [String] = []
        for await event in events { if case .sliceFailed(_, let id, let message) = event { messages.append(id + ": " + message) } }
        XCTAssertEqual(messages.count, 1)
        XCTAssertTrue(messages[0].contains("CT_0061.dcm"), messages[0])
        XCTAssertEqual(streaming.volume.loadedCount, 119)
    }

    func testFileCutAfterItsHeaderWasReadFailsOnlyItsSliceByName() async throws {
        // The metadata phase reads every header; then a file is truncated on disk before its pixels are read.
        // Its slice fails with a typed "file changed" error; the others load, straight from pread.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-shrink-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent("CT"), to: folder)
        let ids = try SeriesScanner.files(under: [folder]).map(FileImageLoader.imageID(for:))
        let manager = VolumeManager(registry: LoaderRegistry([FileImageLoader()]))
        let streaming = try await manager.createAndCacheVolume(id: "file:ct", imageIDs: ids)
        let victim = folder.appendingPathComponent("CT_0042.dcm")
        let bytes = try Data(contentsOf: victim)
        try bytes.prefix(bytes.count - 3000).write(to: victim)
        let events = streaming.events()
        let state = await streaming.load()
        let failedIndex = try XCTUnwrap(streaming.volume.slices.firstIndex { $0.imageID.hasSuffix("CT_0042.dcm") })
        XCTAssertEqual(state, .incomplete(failedSlices: [failedIndex]))
        var messages: [String] = []
        for await event in events { if case .sliceFailed(_, _, let message) = event { messages.append(message) } }
        XCTAssertEqual(messages.count, 1)
        XCTAssertTrue(messages.first?.contains("CT_0042.dcm") == true && messages.first?.contains("changed on disk") == true,
                      messages.first ?? "no message")
        let study = PhantomStudy.standard
        let other = (failedIndex + 1) % streaming.volume.sliceCount
        XCTAssertEqual(Array(streaming.volume.sliceBytes(other).bindMemory(to: Int16.self)), study.ctSlice(other))
    }

    func testScannerGroupsSeriesAndSkipsNonDICOM() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-scan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.folder, to: folder)
        try Data("not dicom at all, just a note".utf8).write(to: folder.appendingPathComponent("README.txt"))
        let broken = folder.appendingPathComponent("PET/PET_0007.dcm")
        let original = try Data(contentsOf: broken)
        let seriesUID = try XCTUnwrap(original.range(of: Data(PhantomWriter.UID.petSeries.utf8)))
        try Data(original.prefix(upTo: seriesUID.lowerBound + 5)).write(to: broken)  // cut inside SeriesInstanceUID
        let result = SeriesScanner().scan(try SeriesScanner.files(under: [folder]))
        XCTAssertEqual(result.series.count, 2)
        XCTAssertEqual(Set(result.series.map(\.modality)), ["CT", "PT"])
        XCTAssertEqual(result.series.map(\.instances.count).sorted(), [59, 120])
        XCTAssertEqual(result.skipped.map { URL(fileURLWithPath: $0).lastPathComponent }, ["README.txt"])
        XCTAssertEqual(result.failures.count, 1)
        let failure = try XCTUnwrap(result.failures.first)
        XCTAssertTrue(failure.path.hasSuffix("PET_0007.dcm"))
        XCTAssertTrue(failure.error.description.contains("PET_0007.dcm"), failure.error.description)
    }
}
