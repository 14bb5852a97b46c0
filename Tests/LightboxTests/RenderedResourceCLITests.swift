import Foundation
import Jobs
import Phantom
import XCTest

/// A rendered resource equals byte for byte what `lightbox render` writes with the options its plan names
/// (`RenderedImagePlan.arguments`), for each kind of image: stored slices, planes, slabs, projections, volume
/// renderings and swivel frames; a series thumbnail equals the file `lightbox thumbnails` writes.
final class RenderedResourceCLITests: XCTestCase {
    static let study = PhantomStudy(
        ct: PhantomGrid(columns: 64, rows: 48, slices: 40, pixelSpacing: 5, sliceStep: 5, firstSliceZ: -97.5),
        pet: PhantomGrid(columns: 32, rows: 32, slices: 20, pixelSpacing: 10, sliceStep: 10, firstSliceZ: -95))
    static let folder = CLI.temporaryFolder("rendered")
    static let phantom: PhantomWriter.Output = {
        do { return try PhantomWriter(study: study).write(to: folder.appendingPathComponent("study")) } catch { fatalError("phantom: \(error)") }
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(at: folder)
        super.tearDown()
    }

    /// Renders `query` on `series` with the job and with the command line, and compares every image's bytes.
    func assertSameAsCommandLine(
        _ kind: RenderedResourceKind, _ query: String, accept: String? = nil, series folder: URL, instance: Int? = nil,
        images: Int = 1, file: StaticString = #filePath, line: UInt = #line
    ) async throws {
        let input = SeriesInput.files([folder.path])
        let session = LightboxSession()
        let opened = try await session.open(input)
        let study = opened.representative.string(.studyInstanceUID) ?? ""
        let uid = instance.map { opened.streaming.volume.slices[$0].sopInstanceUID }
        await session.release(opened)
        let level = try RenderedResourceLevel(study: study, series: opened.seriesInstanceUID, instance: uid)
        let request = try RenderedResourceRequest.parse(level: level, kind: kind, query: try RenderedQueryString.pairs(query), accept: accept)
        let reopened = try await session.open(input, seriesUID: level.seriesUID)
        let plan = try request.plan(for: reopened, input: input)
        await session.release(reopened)
        let result = try await RenderedResourceJob(request).run(series: input, in: session)
        XCTAssertEqual(result.images.count, images, "\(kind.pathComponent)?\(query)", file: file, line: line)
        XCTAssertEqual(plan.images.count, result.images.count, file: file, line: line)
        for (index, (image, served)) in zip(plan.images, result.images).enumerated() {
            let out = Self.folder.appendingPathComponent("\(kind.pathComponent)-\(UUID().uuidString).\(served.mediaType == "image/png" ? "png" : "jpg")")
            let run = try CLI.run(["render", folder.path, "-o", out.path, "--quiet"] + image.arguments)
            XCTAssertEqual(run.status, 0, run.stderr, file: file, line: line)
            let written = try Data(contentsOf: out)
            XCTAssertEqual(written, served.bytes, "\(kind.pathComponent)?\(query) image \(index): lightbox render \(image.arguments.joined(separator: " "))",
                           file: file, line: line)
            try? FileManager.default.removeItem(at: out)
        }
    }

    func testStoredSlices() async throws {
        let ct = Self.phantom.ctFolder
        try await assertSameAsCommandLine(.rendered, "window=40,400,linear", accept: "image/png", series: ct, instance: 12)
        try await assertSameAsCommandLine(.rendered, "viewport=100,80&quality=60", series: ct, instance: 30)
        try await assertSameAsCommandLine(.thumbnail, "viewport=40,40", accept: "image/png", series: ct, instance: 3)
    }

    func testPlanesAndSlabs() async throws {
        let ct = Self.phantom.ctFolder
        try await assertSameAsCommandLine(.renderedMPR, "orientation=a&viewport=128,96&window=-600,1500", accept: "image/png", series: ct)
        try await assertSameAsCommandLine(.renderedMPR, "orientation=l&mprslab=20&renderingmethod=maximum_ip&viewport=96,96", accept: "image/png", series: ct)
        try await assertSameAsCommandLine(
            .renderedMPR, "viewpointposition=100,-100,20&viewpointlookat=0,0,20&viewpointup=0,0,1&mprslab=15&viewport=96,96&annotation=technique",
            accept: "image/png", series: ct)
    }

    func testProjectionsAndVolumeRendering() async throws {
        let ct = Self.phantom.ctFolder, pet = Self.phantom.petFolder
        try await assertSameAsCommandLine(.rendered3D, "renderingmethod=maximum_ip&orientation=l&viewport=96,96", accept: "image/png", series: pet)
        try await assertSameAsCommandLine(.rendered3D, "renderingmethod=minimum_ip&orientation=h&viewport=96,96", accept: "image/png", series: ct)
        try await assertSameAsCommandLine(
            .rendered3D, "renderingmethod=average_ip&viewpointposition=1,-1,1&viewpointlookat=0,0,0&viewpointup=0,0,1&viewport=96,96",
            accept: "image/png", series: ct)
        try await assertSameAsCommandLine(.rendered3D, "orientation=a&viewport=96,96&quality=85", series: ct)
        try await assertSameAsCommandLine(
            .rendered3D, "renderingmethod=maximum_ip&swivelrange=90&animationstepsize=45&viewport=64,64", accept: "image/png", series: pet, images: 2)
    }

    /// A series thumbnail is `lightbox thumbnails`'s picture of the series (PET: a MIP; CT: the middle slice).
    func testSeriesThumbnails() async throws {
        for series in [Self.phantom.ctFolder, Self.phantom.petFolder] {
            let input = SeriesInput.files([series.path])
            let session = LightboxSession()
            let opened = try await session.open(input)
            let study = opened.representative.string(.studyInstanceUID) ?? "", uid = opened.seriesInstanceUID
            await session.release(opened)
            let request = try RenderedResourceRequest.parse(
                level: try RenderedResourceLevel(study: study, series: uid), kind: .thumbnail, query: [("viewport", "64,64")], accept: "image/png")
            let served = try await RenderedResourceJob(request).run(series: input, in: session)
            let out = Self.folder.appendingPathComponent("thumbs-\(UUID().uuidString)")
            let run = try CLI.run(["thumbnails", series.path, "-o", out.path, "--size", "64", "--quiet"])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("\(uid).png")), served.images.first?.bytes, series.lastPathComponent)
        }
    }
}
