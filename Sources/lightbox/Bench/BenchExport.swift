import Foundation
import Phantom
import Volume

/// `lightbox bench export`: the benchmark CT as files another renderer can read, so both render the same voxels.
///
/// Writes `ct.raw` (int16 little-endian stored values, i fastest, then j, then k in volume order;
/// HU = stored × slope + intercept), `ct.json` (geometry, rescale, and the cameras `bench render`
/// times, from `BenchViews`) and, unless `dicom` is false, `CT/` and `PET/` as DICOM Part 10 files of
/// the same phantom study (the CT voxels in `CT/` equal `ct.raw`).
struct BenchExport {
    struct Header: Encodable {
        var dimensions: [Int]
        var spacing: [Double]
        var origin: [Double]          // world (LPS mm) of voxel (0, 0, 0)'s centre
        var iDirection: [Double]
        var jDirection: [Double]
        var kDirection: [Double]
        var slope: Double
        var intercept: Double
        var cameras: [BenchViews.Camera]
        var oneSliceUpdateSlice: Int
    }

    var folder: URL
    var size: Int
    var slices: Int
    var dicom: Bool

    func run() throws -> Header {
        let study = BenchVolumes.study(slices: slices)
        let ct = try BenchVolumes.ct(study)
        let g = ct.geometry
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var raw = Data(capacity: g.voxelCount * 2)
        for k in 0..<g.dimensions.z { raw.append(contentsOf: ct.sliceBytes(k)) }
        try raw.write(to: folder.appendingPathComponent("ct.raw"))
        func v(_ x: Vector3) -> [Double] { [x.x, x.y, x.z] }
        let header = Header(
            dimensions: [g.dimensions.x, g.dimensions.y, g.dimensions.z], spacing: v(g.spacing), origin: v(g.indexToWorld.transformPoint(Vector3(0, 0, 0))),
            iDirection: v(g.iDirection), jDirection: v(g.jDirection), kDirection: v(g.kDirection),
            slope: ct.rescale.slope, intercept: ct.rescale.intercept, cameras: BenchViews(g, size: size).cameras(g),
            oneSliceUpdateSlice: g.dimensions.z / 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(header).write(to: folder.appendingPathComponent("ct.json"))
        if dicom { _ = try PhantomWriter(study: study).write(to: folder) }
        return header
    }
}
