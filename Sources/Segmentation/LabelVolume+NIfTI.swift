import Foundation
import NIfTI
import Volume

extension LabelVolume {
    /// Reads the first 3D volume of a NIfTI label map: each voxel's value (scaled, rounded) is its label; every value
    /// present above 0 is a segment, named "label N" and coloured from `Palette`. Values outside 0…65535 are refused.
    public static func nifti(_ url: URL) throws(SegmentationError) -> LabelVolume {
        let file: NIfTIFile
        do { file = try NIfTIFile(url: url) } catch { throw .unreadable(file: url.lastPathComponent, reason: error.description) }
        let d = file.header.spatialDimensions
        var labels = [UInt16](repeating: 0, count: d.x * d.y * d.z)
        var counts = [Int: Int]()
        for k in 0..<d.z {
            let values: [Double]
            do { values = try file.sliceValues(k) } catch { throw .unreadable(file: file.name, reason: error.description) }
            for (n, value) in values.enumerated() {
                let rounded = value.rounded()
                guard rounded >= 0, rounded <= 65535 else {
                    throw .invalid(file: file.name, reason: "voxel \(n % d.x), \(n / d.x), \(k) holds \(value); labels are 0…65535")
                }
                let label = UInt16(rounded)
                labels[k * d.x * d.y + n] = label
                if label > 0 { counts[Int(label), default: 0] += 1 }
            }
        }
        let geometry = VolumeGeometry(dimensions: d, affine: file.header.bestAffineLPS)
        let segments = counts.keys.sorted().map { number in
            Segment(number: number, name: "label \(number)", voxelCount: counts[number]!, volumeML: Double(counts[number]!) * geometry.voxelVolumeML)
        }
        return LabelVolume(
            source: file.name, kind: .nifti, geometry: geometry, labels: labels, segments: segments, frameOfReferenceUID: nil,
            detail: "\(file.header.datatype) \(d.x)×\(d.y)×\(d.z), affine from \(file.header.bestAffineRAS.source.rawValue)")
    }
}
