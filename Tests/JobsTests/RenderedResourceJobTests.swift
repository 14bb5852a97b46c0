import Foundation
import Jobs
import Phantom
import Raster
import Render
import Volume
import XCTest

/// `RenderedResourceJob` on a small phantom: a rendered instance is the stored slice through the window, pixel for
/// pixel; each query maps to the command-line options of the same picture (the table below; the CLI itself draws
/// them byte for byte in LightboxTests' `RenderedResourceCLITests`); missing instances and frames are 404s; the
/// Annex K module states the camera, window and method actually used.
final class RenderedResourceJobTests: XCTestCase {
    static let study = PhantomStudy(
        ct: PhantomGrid(columns: 64, rows: 48, slices: 40, pixelSpacing: 5, sliceStep: 5, firstSliceZ: -97.5),
        pet: PhantomGrid(columns: 32, rows: 32, slices: 20, pixelSpacing: 10, sliceStep: 10, firstSliceZ: -95))
    static let phantom: PhantomWriter.Output = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-rendered-\(UUID().uuidString)")
        do { return try PhantomWriter(study: study).write(to: folder) } catch { fatalError("phantom: \(error)") }
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(at: phantom.ctFolder.deletingLastPathComponent())
        super.tearDown()
    }

    var input: SeriesInput { .files([Self.phantom.ctFolder.path]) }

    /// The CT's study and series UIDs and its instances' SOP Instance UIDs in slice order.
    func uids() async throws -> (study: String, series: String, instances: [String]) {
        let session = LightboxSession()
        let opened = try await session.open(input)
        let study = opened.representative.string(.studyInstanceUID) ?? ""
        let instances = opened.streaming.volume.slices.map(\.sopInstanceUID)
        await session.release(opened)
        return (study, opened.seriesInstanceUID, instances)
    }

    func request(_ kind: RenderedResourceKind, _ level: RenderedResourceLevel, _ query: String, accept: String? = nil) throws -> RenderedResourceRequest {
        try RenderedResourceRequest.parse(level: level, kind: kind, query: try RenderedQueryString.pairs(query), accept: accept)
    }

    /// The plan's command-line options for each image.
    func arguments(_ request: RenderedResourceRequest) async throws -> [[String]] {
        let session = LightboxSession()
        let opened = try await session.open(input, seriesUID: request.level.seriesUID)
        let plan = try request.plan(for: opened, input: input)
        await session.release(opened)
        return plan.images.map(\.arguments)
    }

    func testARenderedInstanceIsTheStoredSliceThroughTheWindow() async throws {
        let (study, series, instances) = try await uids()
        let k = 13
        let level = try RenderedResourceLevel(study: study, series: series, instance: instances[k])
        let result = try await RenderedResourceJob(try request(.rendered, level, "window=40,400,linear", accept: "image/png"))
            .run(series: input, in: LightboxSession())
        XCTAssertEqual(result.images.count, 1)
        XCTAssertEqual(result.images[0].mediaType, "image/png")
        let frame = try PNGCodec.decode(result.images[0].bytes, name: "rendered")
        let grid = Self.study.ct
        XCTAssertEqual([frame.width, frame.height], [grid.columns, grid.rows])
        let window = VOIWindow(centre: 40, width: 400)
        let expected = Self.study.ctSlice(k).map { window.apply(Double($0) + PhantomStudy.ctIntercept) }
        var mismatches = 0
        for y in 0..<grid.rows {
            for x in 0..<grid.columns where frame.pixel(x: x, y: y)?.r != UInt16(expected[y * grid.columns + x]) { mismatches += 1 }
        }
        XCTAssertEqual(mismatches, 0)
        // Frames of a single-frame instance: frame 1 is the instance, frame 2 is not there.
        let frames = try RenderedResourceLevel(study: study, series: series, instance: instances[k], frames: "1")
        let one = try await RenderedResourceJob(try request(.rendered, frames, "window=40,400", accept: "image/png")).run(series: input, in: LightboxSession())
        XCTAssertEqual(one.images, result.images)
        let missing = try RenderedResourceLevel(study: study, series: series, instance: instances[k], frames: "1,2")
        await assertStatus(404, try request(.rendered, missing, ""))
        await assertStatus(404, try request(.rendered, try RenderedResourceLevel(study: study, series: series, instance: "1.2.3.999"), ""))
    }

    func assertStatus(_ status: Int, _ request: RenderedResourceRequest, file: StaticString = #filePath, line: UInt = #line) async {
        do {
            _ = try await RenderedResourceJob(request).run(series: input, in: LightboxSession())
            XCTFail("answered", file: file, line: line)
        } catch {
            XCTAssertEqual(error.httpStatus, status, error.message, file: file, line: line)
            XCTAssertFalse(error.message.isEmpty, file: file, line: line)
        }
    }

    /// The command-line options each query stands for (`lightbox render CT -o OUT` + these).
    func testEachQueryMapsToTheCommandLineOptionsOfTheSamePicture() async throws {
        let (study, series, instances) = try await uids()
        let s = try RenderedResourceLevel(study: study, series: series)
        let i = try RenderedResourceLevel(study: study, series: series, instance: instances[5])
        let tail = { (size: String, format: [String]) in ["--size", size, "--no-letters", "--series", series] + format }
        let jpeg90 = ["--format", "jpeg", "--quality", "90"], png = ["--format", "png"]
        let table: [(RenderedResourceKind, RenderedResourceLevel, String, String?, [String])] = [
            // rendered: the stored slice, native size, nearest; a viewport scales it (linear); the window is --window
            (.rendered, i, "", "image/png", ["--view", "acquisition", "--position", "slice:5", "--sampling", "nearest"] + tail("64x48", png)),
            (.rendered, i, "viewport=128,96&window=-600,1500&quality=70", nil,
             ["--view", "acquisition", "--position", "slice:5", "--sampling", "linear", "--size", "128x96", "--window", "-600.0,1500.0",
              "--no-letters", "--series", series, "--format", "jpeg", "--quality", "70"]),
            (.rendered, i, "annotation=technique", "image/png",
             ["--view", "acquisition", "--position", "slice:5", "--sampling", "nearest", "--size", "64x48", "--series", series, "--format", "png"]),
            // thumbnail of an instance: that slice, square, linear
            (.thumbnail, i, "viewport=32,32", nil, ["--view", "acquisition", "--position", "slice:5", "--sampling", "linear"] + tail("32x32", jpeg90)),
            // renderedmpr: named planes for f (default), a and l; others oblique; mprslab is --slab (average by default)
            (.renderedMPR, s, "", nil, ["--view", "axial"] + tail("512x512", jpeg90)),
            (.renderedMPR, s, "orientation=a&viewport=256,192", "image/png", ["--view", "coronal"] + tail("256x192", png)),
            (.renderedMPR, s, "orientation=l&mprslab=10", nil, ["--view", "sagittal", "--slab", "10.0", "--slab-mode", "avg"] + tail("512x512", jpeg90)),
            (.renderedMPR, s, "orientation=p&mprslab=10&renderingmethod=maximum_ip", nil,
             ["--view", "oblique", "--normal", "0.0,1.0,0.0", "--up", "0.0,0.0,1.0", "--slab", "10.0", "--slab-mode", "mip"] + tail("512x512", jpeg90)),
            (.renderedMPR, s, "viewpointposition=0,0,100&viewpointlookat=0,0,20&viewpointup=0,-1,0", nil,
             ["--view", "oblique", "--normal", "0.0,0.0,1.0", "--up", "0.0,-1.0,0.0", "--position", "20.0"] + tail("512x512", jpeg90)),
            // (the volume centre is the origin: a look-at point off the line through it along the normal is moved onto it)
            (.renderedMPR, s, "viewpointposition=0,-100,-30&viewpointlookat=0,-20,-30&viewpointup=0,0,1", nil,
             ["--view", "coronal", "--position", "-20.0"] + tail("512x512", jpeg90)),
            // rendered3d: volume rendering by --angle/--elevation; MIP about the superior axis by --view mip; other
            // projections as a slab through the whole volume
            (.rendered3D, s, "", nil, ["--view", "volume", "--angle", "0.0", "--elevation", "0.0"] + tail("512x512", jpeg90)),
            (.rendered3D, s, "orientation=l", nil, ["--view", "volume", "--angle", "90.0", "--elevation", "0.0"] + tail("512x512", jpeg90)),
            (.rendered3D, s, "orientation=h", nil, ["--view", "volume", "--angle", "180.0", "--elevation", "90.0"] + tail("512x512", jpeg90)),
            (.rendered3D, s, "orientation=f", nil, ["--view", "volume", "--angle", "0.0", "--elevation", "-90.0"] + tail("512x512", jpeg90)),
            (.rendered3D, s, "orientation=r&renderingmethod=maximum_ip", nil, ["--view", "mip", "--angle", "-90.0"] + tail("512x512", jpeg90)),
        ]
        for (kind, level, query, accept, expected) in table {
            let args = try await arguments(try request(kind, level, query, accept: accept))
            XCTAssertEqual(args.first, expected, "\(kind.pathComponent)?\(query)")
        }
        // A projection that is no turn about the superior axis: an oblique slab through the centre holding the volume.
        let minip = try await arguments(try request(.rendered3D, s, "orientation=h&renderingmethod=minimum_ip"))
        let g = Self.study.ct
        let half = Double(g.slices - 1) / 2 * g.sliceStep   // farthest voxel centre from the centre along z
        XCTAssertEqual(Array(minip[0].prefix(8)), ["--view", "oblique", "--normal", "0.0,0.0,1.0", "--up", "0.0,-1.0,0.0", "--slab", "\(2 * half + g.sliceStep)"])
        XCTAssertEqual(minip[0][9], "minip")
        // A swivel: ⌊range / step⌋ frames from −range/2, turning about the up axis.
        let swivel = try await arguments(try request(.rendered3D, s, "renderingmethod=maximum_ip&swivelrange=90&animationstepsize=30"))
        XCTAssertEqual(swivel.map { $0[1] }, ["mip", "mip", "mip"])
        for (args, angle) in zip(swivel, [-45.0, -15, 15]) { XCTAssertEqual(Double(args[3]) ?? .nan, angle, accuracy: 1e-9) }
        XCTAssertEqual(swivel.count, 3)
    }

    /// A server keeps its opened series: `run(opened:)` draws what `run(series:)` draws and leaves the volume open
    /// for the next request; its series thumbnail is the middle slice in its acquisition plane.
    func testAnOpenedSeriesServesSeveralRequests() async throws {
        let (study, series, instances) = try await uids()
        let session = LightboxSession()
        let opened = try await session.open(input, seriesUID: series)
        let mpr = try request(.renderedMPR, try RenderedResourceLevel(study: study, series: series), "orientation=a&viewport=64,64", accept: "image/png")
        let first = try await RenderedResourceJob(mpr).run(opened: opened, input: input, in: session)
        let again = try await RenderedResourceJob(mpr).run(opened: opened, input: input, in: session)
        let fresh = try await RenderedResourceJob(mpr).run(series: input, in: LightboxSession())
        XCTAssertEqual(first.images, fresh.images)
        XCTAssertEqual(again.images, fresh.images)
        let thumbnail = try await RenderedResourceJob(
            try request(.thumbnail, try RenderedResourceLevel(study: study, series: series), "viewport=64,64", accept: "image/png"))
            .run(opened: opened, input: input, in: session)
        let middle = try await RenderedResourceJob(
            try request(.thumbnail, try RenderedResourceLevel(study: study, series: series, instance: instances[instances.count / 2]), "viewport=64,64",
                        accept: "image/png")).run(opened: opened, input: input, in: session)
        XCTAssertEqual(thumbnail.images, middle.images)
        await session.release(opened)
    }

    func testTheAnnexKModuleStatesTheParametersUsed() async throws {
        let (study, series, _) = try await uids()
        let s = try RenderedResourceLevel(study: study, series: series)
        let result = try await RenderedResourceJob(
            try request(.rendered3D, s, "renderingmethod=maximum_ip&orientation=a&swivelrange=60&renderedvolumetricmetadata=yes&window=40,400",
                        accept: "application/dicom+json")).run(series: input, in: LightboxSession())
        XCTAssertTrue(result.images.isEmpty)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: try XCTUnwrap(result.metadata)) as? [String: [String: Any]])
        func values(_ tag: String) -> [Double]? { json[tag]?["Value"] as? [Double] }
        XCTAssertEqual(json["00720510"]?["Value"] as? [String], ["3D_RENDERING"])
        XCTAssertEqual(json["0070120D"]?["Value"] as? [String], ["MAXIMUM_IP"])
        let lookAt = try XCTUnwrap(values("00701604")), position = try XCTUnwrap(values("00701603"))
        let g = Self.study.ct
        let centreZ = g.plane(0).position.z + Double(g.slices - 1) / 2 * g.sliceStep
        XCTAssertEqual(lookAt[2], centreZ, accuracy: 1e-9)
        XCTAssertEqual(position[0], lookAt[0], accuracy: 1e-9)            // camera in front: anterior is −y
        XCTAssertLessThan(position[1], lookAt[1])
        XCTAssertEqual(position[2], lookAt[2], accuracy: 1e-9)
        XCTAssertEqual(values("00701605"), [0, 0, 1])
        XCTAssertEqual(values("00281050"), [40])
        XCTAssertEqual(values("00281051"), [400])
        XCTAssertEqual(json["00281056"]?["Value"] as? [String], ["LINEAR"])
        XCTAssertEqual(values("00701A06"), [60])
        XCTAssertEqual(values("00701A05"), [Double(RenderedVolumeParameters.defaultSwivelStep)])
        // The same request twice gives the same bytes (PS3.18 §8.3.5.3.13).
        let again = try await RenderedResourceJob(
            try request(.rendered3D, s, "renderingmethod=maximum_ip&orientation=a&swivelrange=60&renderedvolumetricmetadata=yes&window=40,400",
                        accept: "application/dicom+json")).run(series: input, in: LightboxSession())
        XCTAssertEqual(again.metadata, result.metadata)
    }
}
