import DICOM
import Foundation
import Loading
import Phantom
import Volume
import XCTest

/// The volume budget: a volume whose headers claim more voxels than the cache budget (or than an Int
/// can count) is refused with the numbers before its buffer is allocated.
final class VolumeBudgetTests: XCTestCase {
    private func folder(_ sets: [DataSet]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("volume-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (n, ds) in sets.enumerated() { try DICOMWriter().write(ds, to: dir.appendingPathComponent("IM\(n).dcm")) }
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    private func create(_ dir: URL, budget: Int) async throws -> StreamingImageVolume {
        let scan = SeriesScanner().scan(try SeriesScanner.files(under: [dir]))
        let loader = FileImageLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: ImageVolumeCache(budgetBytes: budget))
        return try await manager.createAndCacheVolume(id: "file:budget", series: scan.series[0], fileLoader: loader)
    }

    func testVoxelCountThatOverflowsIsRefusedWithItsDimensions() async throws {
        // Rows and Columns written as UL 4294967295: 2^32 × 2^32 × 2 voxels overflows Int.
        let sets = (0..<2).map { k in SyntheticArchive.slice(k, series: "1.2.826.7.9", rows: 4, columns: 4) { ds in
            ds.set(.rows, .UL, UInt32.max)
            ds.set(.columns, .UL, UInt32.max)
        } }
        do {
            _ = try await create(try folder(sets), budget: 64 << 20)
            XCTFail("expected a refusal")
        } catch let error as CacheError {
            let text = error.description
            XCTAssertTrue(text.contains("4294967295×4294967295×2 voxels") && text.contains("more than 8 EiB") && text.contains("64.0 MiB"), text)
        }
    }

    func testVolumeOverBudgetIsRefusedBeforeAllocation() async throws {
        let sets = (0..<3).map { k in SyntheticArchive.slice(k, series: "1.2.826.7.10", rows: 4, columns: 4) { ds in
            ds.set(.rows, .US, 30000)
            ds.set(.columns, .US, 30000)
        } }
        let dir = try folder(sets)
        MemoryProbe.reset()
        let before = MemoryProbe.resident
        do {
            _ = try await create(dir, budget: 1 << 30)
            XCTFail("expected a refusal")
        } catch let error as CacheError {
            XCTAssertEqual(error, .sizeExceeded(item: "volume file:budget (30000×30000×3 voxels of 2 bytes)",
                                                requestedBytes: 5_400_000_000, budgetBytes: 1 << 30, pinnedBytes: 0))
            XCTAssertTrue(error.description.contains("5149.8 MiB") && error.description.contains("1024.0 MiB"), error.description)
        }
        let growth = MemoryProbe.peakResident - before
        XCTAssertLessThan(growth, 16 << 20, "peak RSS grew \(growth) bytes for a refused 5.4 GB volume")
    }
}

/// Peak resident memory of this process from /proc/self/status (Linux).
enum MemoryProbe {
    static var peakResident: Int { field("VmHWM") }
    static var resident: Int { field("VmRSS") }

    /// Resets VmHWM to the current RSS (writing 5 to /proc/self/clear_refs); false when not allowed.
    @discardableResult
    static func reset() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    private static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kb * 1024
    }
}
