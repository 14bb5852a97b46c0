import Foundation
import Volume

/// A CT-like 512×512×300 int16 volume for `RenderBenchmark`: air, an elliptic body of soft tissue with a
/// deterministic ±30 HU texture, two lungs, a spine and a contrast-filled aorta (stored = HU + 1024).
enum BenchmarkPhantom {
    static let dimensions = SIMD3(512, 512, 300)
    static let spacing = Vector3(0.75, 0.75, 1.0)

    static func make() throws(VolumeError) -> ImageVolume {
        let d = dimensions
        let geometry = VolumeGeometry(
            dimensions: d, spacing: spacing, origin: Vector3(-191.625, -191.625, -150),
            iDirection: Vector3(1, 0, 0), jDirection: Vector3(0, 1, 0), kDirection: Vector3(0, 0, 1))
        let rescale = Rescale(slope: 1, intercept: -1024, type: "HU")
        let slices = (0..<d.z).map { k in
            SliceMetadata(
                imageID: "phantom/\(k)", sopInstanceUID: "2.25.\(k)", seriesInstanceUID: "2.25", frameOfReferenceUID: "2.25.1",
                modality: "CT", instanceNumber: k + 1,
                plane: ImagePlane(
                    position: geometry.world(0, 0, Double(k)), rowDirection: geometry.iDirection,
                    columnDirection: geometry.jDirection, rowSpacing: spacing.y, columnSpacing: spacing.x,
                    rows: d.y, columns: d.x),
                rescale: rescale)
        }
        let volume = try ImageVolume(id: "benchmark-phantom", geometry: geometry, slices: slices, voxelType: .int16, modality: "CT")
        for k in 0..<d.z { fill(volume, slice: k) }
        return volume
    }

    /// Writes slice `k` (also used to time a one-slice update).
    static func fill(_ volume: ImageVolume, slice k: Int) {
        let d = dimensions
        let z = Double(k) / Double(d.z)  // 0 at the feet, 1 at the head
        volume.insert(slice: k) { bytes in
            let out = bytes.bindMemory(to: Int16.self)
            for j in 0..<d.y {
                let y = (Double(j) - 256) * spacing.y
                for i in 0..<d.x {
                    let x = (Double(i) - 256) * spacing.x
                    out[j * d.x + i] = Int16(hu(x: x, y: y, z: z, i: i, j: j, k: k) + 1024)
                }
            }
        }
    }

    private static func hu(x: Double, y: Double, z: Double, i: Int, j: Int, k: Int) -> Double {
        func inside(_ cx: Double, _ cy: Double, _ a: Double, _ b: Double) -> Bool {
            let u = (x - cx) / a, v = (y - cy) / b
            return u * u + v * v <= 1
        }
        guard inside(0, 0, 170, 120) else { return -1000 }
        if inside(0, 70, 22, 22) { return inside(0, 70, 14, 14) ? 300 : 1100 }  // vertebra: cortex and marrow
        if inside(-20, 25, 12, 12) { return 250 }                                  // aorta with contrast
        let lungs = z > 0.35 && (inside(-75, 0, 55, 80) || inside(75, 0, 55, 80))
        let texture: Int = lungs ? (i * 7 + j * 13 + k * 5) % 61 : (i * 31 + j * 17 + k * 11) % 61
        return (lungs ? -850 : 10) + Double(texture)
    }
}
