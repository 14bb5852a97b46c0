import DICOM
import Foundation
import XCTest
@testable import Loading
import Phantom
import Volume

/// A corpus of broken and hostile series, generated here, pushed through the whole pipeline
/// (scan → metadata → assembly → allocation → streaming). Every case ends in a typed error
/// or a documented fallback; none crashes, hangs or allocates from a lying header.
final class HostileSeriesTests: XCTestCase {
    /// What the pipeline made of a folder.
    struct Outcome {
        var unreadable: [String] = []            // DICOM errors while scanning
        var problems: [String] = []              // series that are not volumes, and why
        var refused: [String] = []               // cache / size refusals
        var states: [VolumeLoadState] = []       // series that streamed
        var failedSlices: [String] = []          // per-slice errors while streaming
        var volumes: [VolumeGeometry] = []
        var notes: [String] = []                 // irregularities of the series that streamed, one per kind
        var everything: String { (unreadable + problems + refused + failedSlices).joined(separator: "\n") }
    }

    /// A small valid CT slice (from the Phantom target's synthetic archive); `edit` mutates it before writing.
    static func slice(_ k: Int, rows: Int = 6, columns: Int = 5, series: String = "1.2.826.7.1", edit: (inout DataSet) -> Void = { _ in }) -> DataSet {
        SyntheticArchive.slice(k, series: series, rows: rows, columns: columns, edit: edit)
    }

    static func write(_ sets: [DataSet], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (n, ds) in sets.enumerated() {
            try DICOMWriter().write(ds, to: folder.appendingPathComponent(String(format: "IM%05d.dcm", n)))
        }
    }

    /// Runs the pipeline over `folder` with a 64 MiB cache.
    static func run(_ folder: URL, selection: VolumeSelection = .init()) async -> Outcome {
        var outcome = Outcome()
        let scan: SeriesScanner.Result
        do { scan = SeriesScanner().scan(try SeriesScanner.files(under: [folder])) } catch {
            outcome.unreadable.append(String(describing: error))
            return outcome
        }
        outcome.unreadable += scan.failures.map(\.error.description)
        let loader = FileImageLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: ImageVolumeCache(budgetBytes: 64 << 20))
        for (n, series) in scan.series.enumerated() {
            do {
                let streaming = try await manager.createAndCacheVolume(id: "file:\(n)", series: series, fileLoader: loader, selection: selection)
                outcome.notes += streaming.choice.irregularities.map(\.description)
                let events = streaming.events()
                outcome.states.append(await streaming.load())
                for await event in events { if case .sliceFailed(_, let id, let message) = event { outcome.failedSlices.append("\(id): \(message)") } }
                outcome.volumes.append(streaming.volume.geometry)
                manager.release(volumeID: "file:\(n)")
            } catch let error as CacheError {
                outcome.refused.append(error.description)
            } catch {
                outcome.problems.append(String(describing: error))
            }
        }
        return outcome
    }

    /// Writes `sets`, runs the pipeline and hands back the outcome.
    func outcome(_ sets: [DataSet], selection: VolumeSelection = .init(), file: StaticString = #filePath, line: UInt = #line) async throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.write(sets, to: folder)
        return await Self.run(folder, selection: selection)
    }

    func series(_ count: Int = 6, edit: (Int, inout DataSet) -> Void = { _, _ in }) -> [DataSet] {
        (0..<count).map { k in Self.slice(k) { edit(k, &$0) } }
    }

    // MARK: Lying lengths: every element of a valid file, in turn, claims ~2 GiB, then one byte too many.

    func testEveryElementWithALyingLengthGivesATypedErrorOrAFailedSlice() async throws {
        let valid = try DICOMWriter().encode(Self.slice(0))
        var cases = 0
        for element in Self.slice(0).elements {
            let g = element.tag.group, e = element.tag.element
            let signature: [UInt8] = [UInt8(g & 0xFF), UInt8(g >> 8), UInt8(e & 0xFF), UInt8(e >> 8)] + Array(element.vr.description.utf8)
            guard let at = (132..<(valid.count - 12)).first(where: { Array(valid[$0..<($0 + 6)]) == signature }) else { continue }
            let field = element.vr.hasLongLength ? (at + 8)..<(at + 12) : (at + 6)..<(at + 8)
            let actual = valid[field].reversed().reduce(0) { $0 << 8 | Int($1) }
            for claimed in [element.vr.hasLongLength ? 0x7FFF_FFF0 : 0xFFFE, actual + 1] {
                var bytes = [UInt8](valid)
                let width = field.count
                bytes.replaceSubrange(field, with: (0..<width).map { UInt8(truncatingIfNeeded: claimed >> (8 * $0)) })
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-lying-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: folder) }
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(bytes).write(to: folder.appendingPathComponent("lying.dcm"))
                let result = await Self.run(folder)
                cases += 1
                if element.tag == .pixelData {
                    // Documented fallback: pixel data whose declared length runs past the end is read as what is
                    // there; the slice loads when every frame's bytes are present (as here), else fails by name.
                    XCTAssertEqual(result.states, [.complete], "\(element.tag) claiming \(claimed)")
                    continue
                }
                let said = result.everything
                XCTAssertFalse(said.isEmpty, "\(element.tag) claiming \(claimed): accepted silently")
                XCTAssertTrue(said.contains("lying.dcm"), "\(element.tag) claiming \(claimed): message does not name the file: \(said)")
            }
        }
        XCTAssertGreaterThanOrEqual(cases, 40)
    }

    // MARK: Numbers that are not numbers.

    func testNonNumericGeometryNamesTheTagAndText() async throws {
        let tags: [(Tag, Int)] = [(.imagePositionPatient, 3), (.imageOrientationPatient, 6), (.pixelSpacing, 2)]
        let garbage = ["abc", "NaN", "inf", "-inf", "1e999", "1,5", "0x10", "--1"]
        for (tag, count) in tags {
            for text in garbage {
                let result = try await outcome(series(4) { k, ds in
                    if k == 2 { ds.set(tag, .DS, Array(repeating: text, count: count)) }
                })
                XCTAssertEqual(result.states, [], "\(tag) = \(text) was accepted")
                XCTAssertTrue(result.everything.contains("IM00002.dcm") && result.everything.contains("\(tag)"),
                              "\(tag) = \(text): \(result.everything)")
            }
        }
    }

    func testNonNumericRowsOrSpacingCountIsRefused() async throws {
        let result = try await outcome(series(3) { k, ds in if k == 1 { ds.set(.pixelSpacing, .DS, ["0.5"]) } })
        XCTAssertTrue(result.everything.contains("(0028,0030) has 1 values, expected 2"), result.everything)
    }

    // MARK: Spacing and orientation.

    func testZeroNegativeSpacingIsRefused() async throws {
        for spacing in [[0.0, 0.5], [-0.5, 0.5], [0.5, 0], [0.5, -1]] {
            let result = try await outcome(series(3) { _, ds in ds.set(.pixelSpacing, .DS, spacing) })
            XCTAssertTrue(result.everything.contains("must be positive and finite"), "\(spacing): \(result.everything)")
        }
    }

    func testOrientationThatIsNotOrthonormalIsRefused() async throws {
        let bad: [[Double]] = [[1, 0, 0, 1, 0, 0], [2, 0, 0, 0, 1, 0], [0, 0, 0, 0, 1, 0], [1, 0, 0, 0.5, 0.5, 0], [0.7, 0.7, 0, 0, 0, 1.5]]
        for iop in bad {
            let result = try await outcome(series(3) { _, ds in ds.set(.imageOrientationPatient, .DS, iop) })
            XCTAssertTrue(result.everything.contains("image orientation is not usable"), "\(iop): \(result.everything)")
        }
    }

    func testZeroRowsIsRefused() async throws {
        for (rows, columns) in [(0, 5), (6, 0), (0, 0)] {
            let result = try await outcome((0..<3).map { k in Self.slice(k) { ds in ds.set(.rows, .US, rows); ds.set(.columns, .US, columns) } })
            XCTAssertTrue(result.everything.contains("rows") || result.everything.contains("(0028,001"), "\(rows)×\(columns): \(result.everything)")
            XCTAssertEqual(result.states, [])
        }
    }

    // MARK: Series shape.

    func testOneSliceVolumeUsesTheDocumentedFallbackStep() async throws {
        let result = try await outcome([Self.slice(0)])
        XCTAssertEqual(result.states, [.complete])
        XCTAssertEqual(result.volumes.first?.spacing.z, 1, "no SliceThickness: 1 mm")
        let thick = try await outcome([Self.slice(0) { $0.set(.sliceThickness, .DS, 3.0) }])
        XCTAssertEqual(thick.volumes.first?.spacing.z, 3, "SliceThickness is the fallback step of a one-slice volume")
    }

    func testTwoSliceVolumeLoads() async throws {
        let result = try await outcome(series(2))
        XCTAssertEqual(result.states, [.complete])
        XCTAssertEqual(result.volumes.first?.dimensions, SIMD3(5, 6, 2))
    }

    func testFiveThousandSliceTinyVolumeLoads() async throws {
        let sets = (0..<5000).map { k in Self.slice(k, rows: 2, columns: 2) }
        let result = try await outcome(sets)
        XCTAssertEqual(result.states, [.complete])
        XCTAssertEqual(result.volumes.first?.dimensions, SIMD3(2, 2, 5000))
    }

    func testHugeRowsAndColumnsAreRefusedBeforeAllocation() async throws {
        let sets = (0..<3).map { k in Self.slice(k) { ds in ds.set(.rows, .US, 65535); ds.set(.columns, .US, 65535) } }
        let result = try await outcome(sets)
        XCTAssertEqual(result.states, [])
        XCTAssertTrue(result.everything.contains("cache size exceeded") && result.everything.contains("24575.3 MiB"), result.everything)
    }

    func testMixedSeriesInOneFolderAreSeparated() async throws {
        let a = (0..<4).map { Self.slice($0, series: "1.2.826.7.1") }
        let b = (0..<3).map { Self.slice($0, rows: 4, columns: 4, series: "1.2.826.7.2") }
        let result = try await outcome(a + b)
        XCTAssertEqual(result.states, [.complete, .complete])
        XCTAssertEqual(Set(result.volumes.map(\.dimensions.z)), [4, 3])
    }

    func testDuplicateSOPInstanceCopiesAreUsedOnceAndReported() async throws {
        let result = try await outcome(series(5) { k, ds in if k == 3 { ds.set(.sopInstanceUID, .UI, "1.2.826.7.1.2") } })
        XCTAssertEqual(result.states, [.complete])
        XCTAssertEqual(result.volumes.first?.dimensions.z, 4, "the second copy is left out")
        XCTAssertTrue(result.notes.contains { $0.contains("1 duplicate copy") && $0.contains("IM00003.dcm") }, "\(result.notes)")
        let strict = try await outcome(series(5) { k, ds in if k == 3 { ds.set(.sopInstanceUID, .UI, "1.2.826.7.1.2") } }, selection: VolumeSelection(strict: true))
        XCTAssertEqual(strict.states, [])
        XCTAssertTrue(strict.problems.joined().contains("duplicate"), strict.everything)
    }

    func testOtherOrientationsSizesAndSpacingsFormOtherStacksButFramesOfReferenceMustAgree() async throws {
        let edits: [(String, (inout DataSet) -> Void)] = [
            ("orientation", { $0.set(.imageOrientationPatient, .DS, [0.0, 1, 0, 0, 0, -1]) }),
            ("size", { ds in ds.set(.rows, .US, 7); ds.setPixels([Int16](repeating: 1, count: 35)) }),
            ("pixel spacing", { $0.set(.pixelSpacing, .DS, [0.7, 0.5]) }),
        ]
        for (name, edit) in edits {
            let result = try await outcome(series(5) { k, ds in if k == 2 { edit(&ds) } })
            XCTAssertEqual(result.states, [.complete], name)
            XCTAssertEqual(result.volumes.first?.dimensions.z, 4, name)
            XCTAssertTrue(result.notes.contains { $0.contains("1 image(s) in 1 other stack(s)") && $0.contains("IM00002.dcm") }, "\(name): \(result.notes)")
        }
        let result = try await outcome(series(5) { k, ds in if k == 2 { ds.set(.frameOfReferenceUID, .UI, "9.9") } })
        XCTAssertEqual(result.states, [])
        XCTAssertTrue(result.everything.contains("frame of reference 9.9 differs") && result.everything.contains("IM00002.dcm"), result.everything)
    }

    func testGapsRepeatedPositionsUnevenStepsAndTiltRenderAndAreReportedOnce() async throws {
        let cases: [(String, (Int, inout DataSet) -> Void)] = [
            ("missing slices: 1 gap(s)", { k, ds in if k >= 3 { ds.set(.imagePositionPatient, .DS, [-10.0, -12, Double(k + 1) * 2.5]) } }),
            ("holds 2 volumes told apart by repeated positions in InstanceNumber order", { k, ds in if k == 3 { ds.set(.imagePositionPatient, .DS, [-10.0, -12, 5]) } }),
            ("uneven slice steps", { k, ds in if k == 3 { ds.set(.imagePositionPatient, .DS, [-10.0, -12, 8.0]) } }),
            ("gantry tilt", { k, ds in ds.set(.imagePositionPatient, .DS, [-10.0, -12 + Double(k), Double(k) * 2.5]) }),
        ]
        for (expected, edit) in cases {
            let result = try await outcome(series(6, edit: edit))
            XCTAssertEqual(result.states, [.complete], expected)
            XCTAssertEqual(result.notes.filter { $0.contains(expected) }.count, 1, "\(expected): \(result.notes)")
            let strict = try await outcome(series(6, edit: edit), selection: VolumeSelection(strict: true))
            XCTAssertEqual(strict.states, [], "strict refuses: \(expected)")
            XCTAssertTrue(strict.problems.joined().contains("strict"), "\(expected): \(strict.everything)")
        }
    }

    // MARK: Rescale and pixel data.

    func testSlopeZeroIsAcceptedAsAConstantImage() async throws {
        let result = try await outcome(series(3) { _, ds in ds.set(.rescaleSlope, .DS, 0) })
        XCTAssertEqual(result.states, [.complete], "slope 0 is legal: every voxel is the intercept")
    }

    func testPixelDataShorterThanDeclaredFailsOnlyThatSlice() async throws {
        let result = try await outcome(series(5) { k, ds in if k == 2 { ds.setPixels([Int16](repeating: 0, count: 7)) } })
        XCTAssertEqual(result.states, [.incomplete(failedSlices: [2])])
        XCTAssertTrue(result.everything.contains("IM00002.dcm"), result.everything)
    }

    func testMissingPixelDataFailsOnlyThatSlice() async throws {
        let result = try await outcome(series(4) { k, ds in if k == 1 { ds.remove(.pixelData) } })
        XCTAssertEqual(result.states, [.incomplete(failedSlices: [1])])
    }

    func testColourImagesAreRefusedAsVolumes() async throws {
        let result = try await outcome(series(3) { _, ds in
            ds.set(.samplesPerPixel, .US, 3)
            ds.set(.photometricInterpretation, .CS, "RGB")
            ds.set(.bitsAllocated, .US, 8); ds.set(.bitsStored, .US, 8); ds.set(.highBit, .US, 7)
            ds.setPixels([UInt8](repeating: 9, count: 90))
        })
        XCTAssertTrue(result.everything.contains("3 samples per pixel"), result.everything)
    }

    func testBitsStoredLargerThanAllocatedIsRefused() async throws {
        let result = try await outcome(series(3) { k, ds in if k == 0 { ds.set(.bitsStored, .US, 20) } })
        XCTAssertFalse(result.everything.isEmpty)
        XCTAssertTrue(result.everything.contains("IM00000.dcm") || result.everything.contains("(0028,0101)"), result.everything)
    }

    func testRecursiveSequencesStopAtTheDepthLimit() async throws {
        var nested = DataSet()
        nested.set(.modality, .CS, "XX")
        for _ in 0..<80 {
            var outer = DataSet()
            outer.set(Tag(0x0009, 0x1010), items: [nested])
            nested = outer
        }
        let result = try await outcome(series(3) { k, ds in if k == 1 { ds.set(Tag(0x0040, 0x0275), items: [nested]) } })
        XCTAssertTrue(result.everything.contains("IM00001.dcm"), result.everything)
        XCTAssertTrue(result.everything.lowercased().contains("deep") || result.everything.contains("depth"), result.everything)
    }
}
