import Foundation
import Jobs
import Raster
import Segmentation
import XCTest

/// `thumbnails --seg-from`: a SEG in another folder is drawn on the thumbnail of the series its
/// ReferencedSeriesSequence names, and only there.
final class SegmentationThumbnailTests: XCTestCase {
    func testTheSEGIsDrawnOnTheThumbnailOfItsSeries() async throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-seg-thumbnails-\(getpid())")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let segs = temporary.appendingPathComponent("segs"), out = temporary.appendingPathComponent("thumbs")
        try FileManager.default.createDirectory(at: segs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.url("seg-labelmap.dcm"), to: segs.appendingPathComponent("seg-labelmap.dcm"))
        var request = ThumbnailsRequest(source: .folder(Fixtures.phantomFolder.path), outputFolder: out, size: 64, parallelSeries: 1)
        request.segmentationFolder = segs.path
        _ = try await ThumbnailsJob(request).run(in: LightboxSession())
        let report = try JSONDecoder().decode(ThumbnailReport.self, from: Data(contentsOf: request.reportURL))
        let ct = try XCTUnwrap(report.entries.first { $0.modality == "CT" })
        let pet = try XCTUnwrap(report.entries.first { $0.modality == "PT" })
        XCTAssertEqual(ct.segmentations, ["seg-labelmap.dcm"])
        XCTAssertEqual(ct.kind, "middle slice with 1 segmentation")
        XCTAssertNil(pet.segmentations, "the SEG references the CT only")

        // 64 pixels of 6 mm over the 64-voxel grid: pixel (c, r) is voxel (c, r) of the middle slice (k = 20). The
        // outline is the segment's colour exactly; background pixels stay grey.
        let frame = try PNGCodec.read(contentsOf: out.appendingPathComponent(try XCTUnwrap(ct.output)))
        let expected = Fixtures.labels("seg-labelmap.dcm")
        var colours = [UInt16: SIMD3<UInt8>]()
        for s in try LabelVolume.read(Fixtures.url("seg-labelmap.dcm"), imageGrid: nil, imageFrameOfReference: nil).segments { colours[UInt16(s.number)] = s.colour }
        func at(_ c: Int, _ r: Int) -> UInt16 { c < 0 || r < 0 || c > 63 || r > 63 ? 0 : expected[(20 * 64 + r) * 64 + c] }
        var wrong = 0, outlined = 0
        for r in 0..<64 { for c in 0..<64 {
            let p = try XCTUnwrap(frame.pixel(x: c, y: r)), label = at(c, r)
            if label == 0 {
                if p.r != p.g || p.g != p.b { wrong += 1 }
            } else if [at(c - 1, r), at(c + 1, r), at(c, r - 1), at(c, r + 1)].contains(where: { $0 != label }) {
                outlined += 1
                let colour = try XCTUnwrap(colours[label])
                if p != Pixel(r: UInt16(colour.x), g: UInt16(colour.y), b: UInt16(colour.z), a: 255) { wrong += 1 }
            }
        } }
        XCTAssertEqual(wrong, 0, "\(wrong) pixels differ")
        XCTAssertGreaterThan(outlined, 0)
    }
}
