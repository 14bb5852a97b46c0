import DICOM
import Foundation
import Loading
import Phantom
import Raster
import Render
import Volume
import XCTest

/// The phantom's non-ideal series, written as real DICOM, through the whole pipeline (scan, split, assemble,
/// stream, render): each forms the volume it should, allocates no more than its images' voxels, reports what
/// is irregular once per kind, and the view through each stored slice's own plane is that slice, exactly.
final class PhantomCaseRenderTests: XCTestCase {
    static let root = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-phantom-cases-\(UUID().uuidString)")

    override class func setUp() {
        super.setUp()
        _ = try? PhantomCaseWriter().write(PhantomCase.allCases, to: root)
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: root)
        super.tearDown()
    }

    /// Streams the default (or chosen) volume of the one series in `folder`.
    func stream(_ folder: String, selection: VolumeSelection = .init()) async throws -> StreamingImageVolume {
        let scan = SeriesScanner().scan(try SeriesScanner.files(under: [Self.root.appendingPathComponent(folder)]))
        XCTAssertEqual(scan.series.count, 1, "\(folder): \(scan.series.map(\.seriesInstanceUID))")
        let series = try XCTUnwrap(scan.series.first)
        let loader = FileImageLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: ImageVolumeCache(budgetBytes: 1 << 30))
        let streaming = try await manager.createAndCacheVolume(id: "file:\(folder)", series: series, fileLoader: loader, selection: selection)
        let state = await streaming.load()
        XCTAssertEqual(state, .complete, folder)
        return streaming
    }

    func kinds(_ streaming: StreamingImageVolume) -> [String] { streaming.choice.irregularities.map(\.kind) }

    func testEachCaseFormsTheVolumeItShould() async throws {
        let expectations: [(folder: String, slices: Int, irregular: Bool, kinds: [String])] = [
            ("uneven-small", 50, false, ["uneven-steps"]),
            ("uneven", 50, true, ["uneven-steps"]),
            ("gap", 47, true, ["missing-slices"]),
            ("tilt", 50, false, ["gantry-tilt"]),
            ("varying-tilt", 50, true, ["gantry-tilt"]),
            ("dynamic-pet", 30, false, ["multiple-volumes"]),
            ("localizer", 50, false, ["images-without-geometry", "other-stacks"]),
            ("dicomdir", 50, false, []),
            ("symlinks", 50, false, []),
            ("duplicates", 50, false, ["duplicate-copies"]),
        ]
        for e in expectations {
            let streaming = try await stream(e.folder)
            let volume = streaming.volume
            XCTAssertEqual(volume.sliceCount, e.slices, e.folder)
            XCTAssertEqual(volume.geometry.sliceStack != nil, e.irregular, "\(e.folder): per-slice positions")
            XCTAssertEqual(kinds(streaming), e.kinds, e.folder)
            let d = volume.geometry.dimensions
            XCTAssertEqual(volume.buffer.byteCount, d.x * d.y * e.slices * volume.voxelType.byteCount,
                           "\(e.folder): no more bytes than the images' voxels")
        }
    }

    func testTiltIsASheared15DegreeGrid() async throws {
        let g = try await stream("tilt").volume.geometry
        XCTAssertNil(g.sliceStack)
        XCTAssertEqual(g.shearDegrees, 15, accuracy: 1e-4)
        XCTAssertEqual(g.sliceStepAlongNormal, 2, accuracy: 1e-4)
    }

    func testTheViewThroughEachStoredSliceIsThatSlice() async throws {
        let engine = TestEngine.shared
        let window = VOIWindow(centre: 40, width: 400)
        for folder in ["uneven-small", "uneven", "gap", "tilt", "varying-tilt"] {
            let volume = try await stream(folder).volume
            let g = volume.geometry, d = g.dimensions
            for k in stride(from: 0, to: d.z, by: 7) {
                let centre = g.sliceWorld(Double(d.x - 1) / 2, Double(d.y - 1) / 2, slice: k)
                let view = MPRView(plane: PlaneSpec(centre: centre, right: g.iDirection, up: -g.jDirection), width: d.x, height: d.y,
                                   pixelSpacing: g.spacing.x, window: window, sampling: .nearest)
                let frame = try await engine.render(view, of: volume)
                assertFrame(frame, width: d.x, height: d.y, equals: { c, r in window.apply(volume.value(c, r, k)) }, "\(folder) slice \(k)")
            }
            await engine.release(volume)
        }
    }

    func testVolumeNOfTheDynamicPETEqualsThe3DSeriesOfTheSameImages() async throws {
        for frame in 0..<4 {
            let fourD = try await stream("dynamic-pet", selection: VolumeSelection(volume: frame)).volume
            let threeD = try await stream("dynamic-pet-frame-\(frame + 1)").volume
            XCTAssertEqual(fourD.geometry, threeD.geometry, "frame \(frame)")
            XCTAssertEqual(fourD.voxelType, threeD.voxelType)
            let bytes = fourD.buffer.byteCount
            XCTAssertEqual(bytes, threeD.buffer.byteCount)
            XCTAssertEqual(memcmp(fourD.sliceBytes(0).baseAddress!, threeD.sliceBytes(0).baseAddress!, bytes), 0, "frame \(frame): voxels differ")
        }
        let first = try await stream("dynamic-pet").volume, last = try await stream("dynamic-pet", selection: VolumeSelection(volume: 3)).volume
        XCTAssertNotEqual(memcmp(first.sliceBytes(0).baseAddress!, last.sliceBytes(0).baseAddress!, first.buffer.byteCount), 0,
                          "the frames of the dynamic PET differ")
    }

    func testALocalizerIsItsOwnStackAndAnOutOfRangeChoiceIsNamed() async throws {
        let coronal = try await stream("localizer", selection: VolumeSelection(stack: 1))
        XCTAssertEqual(coronal.volume.sliceCount, 1)
        XCTAssertEqual(AnatomicalOrientation.planeName(normal: coronal.volume.geometry.sliceNormal), "coronal")
        do {
            _ = try await stream("localizer", selection: VolumeSelection(stack: 3))
            XCTFail("stack 3 of 3 stacks was accepted")
        } catch {
            XCTAssertTrue(String(describing: error).contains("the series has 3 stack(s)"), "\(error)")
        }
    }
}
