import Segmentation
import Volume

extension BenchVolumes {
    /// Labels on the benchmark CT's grid from its values: 1 above −300 HU (the body), 2 above 300 HU (bone).
    static func labels(of ct: ImageVolume) -> LabelVolume {
        let g = ct.geometry
        var labels = [UInt16](repeating: 0, count: g.voxelCount)
        var counts = [0, 0, 0]
        for k in 0..<g.dimensions.z { for j in 0..<g.dimensions.y { for i in 0..<g.dimensions.x {
            let hu = ct.value(i, j, k)
            let label = hu > 300 ? 2 : hu > -300 ? 1 : 0
            labels[(k * g.dimensions.y + j) * g.dimensions.x + i] = UInt16(label)
            counts[label] += 1
        } } }
        let segments = [Segment(number: 1, name: "body", voxelCount: counts[1]), Segment(number: 2, name: "bone", voxelCount: counts[2])]
        return LabelVolume(
            source: "benchmark labels", kind: .nifti, geometry: VolumeGeometry(dimensions: g.dimensions, affine: g.indexToWorld),
            labels: labels, segments: segments, frameOfReferenceUID: nil, detail: "thresholds of the benchmark CT")
    }
    /// One organ-sized blob on the benchmark CT's grid: label 1 ("organ") in a ball of 60 mm radius about the volume's
    /// centre, about 7 % of the axial benchmark frame (the body labels cover most of it).
    static func organ(of ct: ImageVolume) -> LabelVolume {
        let g = ct.geometry, d = g.dimensions
        let centre = (Vector3(d) - 1) / 2
        var labels = [UInt16](repeating: 0, count: g.voxelCount)
        var count = 0
        for k in 0..<d.z { for j in 0..<d.y { for i in 0..<d.x {
            let mm = (Vector3(Double(i), Double(j), Double(k)) - centre) * g.spacing
            if mm.dot(mm) <= 60 * 60 {
                labels[(k * d.y + j) * d.x + i] = 1
                count += 1
            }
        } } }
        return LabelVolume(
            source: "benchmark organ", kind: .nifti, geometry: VolumeGeometry(dimensions: d, affine: g.indexToWorld),
            labels: labels, segments: [Segment(number: 1, name: "organ", voxelCount: count)], frameOfReferenceUID: nil,
            detail: "a ball of 60 mm radius at the benchmark CT's centre")
    }

}
