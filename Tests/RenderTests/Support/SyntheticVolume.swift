import Render
import Volume

/// Builds fully loaded test volumes whose voxel values come from a closure of (i, j, k).
enum SyntheticVolume {
    /// A grid with the given axes; `kDirection` defaults to `iDirection × jDirection`.
    static func geometry(
        dimensions: SIMD3<Int>, spacing: Vector3, origin: Vector3 = Vector3(-10, 20, -30),
        i: Vector3 = Vector3(1, 0, 0), j: Vector3 = Vector3(0, 1, 0), k: Vector3? = nil
    ) -> VolumeGeometry {
        VolumeGeometry(dimensions: dimensions, spacing: spacing, origin: origin, iDirection: i, jDirection: j, kDirection: k ?? i.cross(j))
    }

    /// An empty (unloaded, zero-filled) volume.
    static func empty(_ geometry: VolumeGeometry, type: VoxelType, rescale: Rescale = .identity) throws -> ImageVolume {
        let slices = (0..<geometry.dimensions.z).map { k in
            SliceMetadata(
                imageID: "synthetic/\(k)", sopInstanceUID: "1.2.3.\(k)", seriesInstanceUID: "1.2.3",
                frameOfReferenceUID: "1.2", modality: "CT", instanceNumber: k + 1,
                plane: ImagePlane(
                    position: geometry.world(0, 0, Double(k)), rowDirection: geometry.iDirection,
                    columnDirection: geometry.jDirection, rowSpacing: geometry.spacing.y,
                    columnSpacing: geometry.spacing.x, rows: geometry.dimensions.y, columns: geometry.dimensions.x),
                rescale: rescale, isSigned: type == .int16)
        }
        return try ImageVolume(id: "synthetic", geometry: geometry, slices: slices, voxelType: type, modality: "CT")
    }

    /// A volume with every slice inserted; `stored(i, j, k)` gives the stored value.
    static func make(
        _ geometry: VolumeGeometry, type: VoxelType, rescale: Rescale = .identity, stored: (Int, Int, Int) -> Double
    ) throws -> ImageVolume {
        let volume = try empty(geometry, type: type, rescale: rescale)
        for k in 0..<geometry.dimensions.z { fill(volume, slice: k, stored: stored) }
        return volume
    }

    /// Inserts slice `k` with values from `stored`.
    static func fill(_ volume: ImageVolume, slice k: Int, stored: (Int, Int, Int) -> Double) {
        let d = volume.geometry.dimensions
        volume.insert(slice: k) { bytes in
            for j in 0..<d.y {
                for i in 0..<d.x {
                    let v = stored(i, j, k)
                    switch volume.voxelType {
                    case .int16: bytes.storeBytes(of: Int16(v), toByteOffset: (j * d.x + i) * 2, as: Int16.self)
                    case .uint16: bytes.storeBytes(of: UInt16(v), toByteOffset: (j * d.x + i) * 2, as: UInt16.self)
                    case .float32: bytes.storeBytes(of: Float(v), toByteOffset: (j * d.x + i) * 4, as: Float.self)
                    }
                }
            }
        }
    }

    /// A non-symmetric pattern of many distinct values in −300 … 696.
    static func pattern(_ i: Int, _ j: Int, _ k: Int) -> Double {
        Double((i * 73 + j * 151 + k * 233 + i * j * 7) % 997 - 300)
    }
}
