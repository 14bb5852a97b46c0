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
}
