import Foundation
import Phantom
import Volume

/// The deterministic benchmark volumes, built in memory from the phantom (no files): a CT of
/// 512×512×300 at 0.8×0.8×2 mm (body filling a 512² frame, ±20 HU texture) and a PET of
/// 192×192×300 at 2.1333×2.1333×2 mm over the same field of view, as Float32 SUV-scaled Bq/ml.
enum BenchVolumes {
    static func study(slices: Int = 300, columns: Int = 512) -> PhantomStudy {
        var study = PhantomStudy(
            ct: PhantomGrid(columns: columns, rows: columns, slices: slices, pixelSpacing: 409.6 / Double(columns), sliceStep: 2,
                            firstSliceZ: -Double(slices - 1)),
            pet: PhantomGrid(columns: 192, rows: 192, slices: slices, pixelSpacing: 409.6 / 192, sliceStep: 2, firstSliceZ: -Double(slices - 1)))
        study.ctNoiseHU = 20
        return study
    }

    /// Metadata for the slices of a phantom grid, as series assembly would make it.
    static func slices(_ grid: PhantomGrid, modality: String, rescale: Rescale) -> [SliceMetadata] {
        (0..<grid.slices).map { k in
            SliceMetadata(
                imageID: "bench/\(modality)/\(k)", sopInstanceUID: "2.25.\(k)", seriesInstanceUID: "2.25.\(modality)",
                frameOfReferenceUID: "2.25.1", modality: modality, instanceNumber: k + 1, plane: grid.plane(k), rescale: rescale)
        }
    }

    /// The CT, every slice inserted.
    static func ct(_ study: PhantomStudy) throws -> ImageVolume {
        let metadata = slices(study.ct, modality: "CT", rescale: Rescale(slope: 1, intercept: PhantomStudy.ctIntercept, type: "HU"))
        let assembly = try SeriesAssembler().assemble(metadata)
        let (geometry, sorted) = (assembly.geometry, assembly.slices)
        let volume = try ImageVolume(id: "bench:ct", geometry: geometry, slices: sorted, voxelType: .int16, modality: "CT")
        for k in 0..<volume.sliceCount { fillCT(volume, study: study, slice: k) }
        return volume
    }

    /// Writes CT slice `k` again (used to time a one-slice update).
    static func fillCT(_ volume: ImageVolume, study: PhantomStudy, slice k: Int) {
        let values = study.ctSlice(k)
        volume.insert(slice: k) { bytes in values.withUnsafeBytes { bytes.copyMemory(from: $0) } }
    }

    /// The same voxels as `ct` on an irregular stack: slice k at z = first + 2k + 0.3 sin(k / 7) mm, up to
    /// 15% of a step off the uniform grid, so every view samples through the per-slice positions.
    static func irregularCopy(of ct: ImageVolume) throws -> ImageVolume {
        let slices = ct.slices.enumerated().map { k, slice -> SliceMetadata in
            var moved = slice
            moved.plane.position.z += 0.3 * sin(Double(k) / 7)
            return moved
        }
        let assembly = try SeriesAssembler().assemble(slices)
        guard assembly.geometry.sliceStack != nil else { throw VolumeError.incompatibleImages(image: "bench", detail: "the irregular copy fitted a grid") }
        let volume = try ImageVolume(id: "bench:ct-irregular", geometry: assembly.geometry, slices: assembly.slices, voxelType: ct.voxelType, modality: "CT")
        for k in 0..<volume.sliceCount {
            volume.insert(slice: k) { bytes in bytes.copyMemory(from: UnsafeRawBufferPointer(ct.sliceBytes(k))) }
        }
        return volume
    }

    /// The PET as Float32 Bq/ml, every slice inserted.
    static func pet(_ study: PhantomStudy) throws -> ImageVolume {
        let metadata = slices(study.pet, modality: "PT", rescale: Rescale(slope: 1, intercept: 0, type: "BQML"))
        let assembly = try SeriesAssembler().assemble(metadata)
        let (geometry, sorted) = (assembly.geometry, assembly.slices)
        let volume = try ImageVolume(id: "bench:pet", geometry: geometry, slices: sorted, voxelType: .float32, modality: "PT")
        for k in 0..<volume.sliceCount {
            let (stored, slope) = study.petSlice(k)
            volume.insert(slice: k) { bytes in
                let out = bytes.bindMemory(to: Float.self)
                for n in stored.indices { out[n] = Float(Double(stored[n]) * slope) }
            }
        }
        return volume
    }
}
