import Foundation
import Loading
import Phantom
import Render
import Volume

/// The standard PET/CT phantom written as DICOM once per test run and streamed in through the
/// Loading layer (scanner → file loader → volume manager), plus partially loaded copies of it.
struct PhantomVolumes: Sendable {
    let ct: ImageVolume
    let pet: ImageVolume
    /// From the PET headers via `SUVCalibration.from`.
    let units: PETUnits

    /// The liver metastasis (SUV 10), the point the PET/CT layouts cut through.
    static let liverLesion = PhantomStudy.standard.anatomy.lesions.first { $0.name == "liver metastasis" }!.centre

    static func shared() async throws -> PhantomVolumes {
        if let cached = await Cache.shared.value { return cached }
        let loaded = try await load()
        await Cache.shared.set(loaded)
        return loaded
    }

    private actor Cache {
        static let shared = Cache()
        var value: PhantomVolumes?
        func set(_ v: PhantomVolumes) { value = v }
    }

    private static func load() async throws -> PhantomVolumes {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-render-phantom-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try PhantomWriter().write(to: folder)
        let loader = FileImageLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        func stream(_ name: String) async throws -> (ImageVolume, SeriesScanner.Series) {
            let scan = SeriesScanner().scan(try SeriesScanner.files(under: [folder.appendingPathComponent(name)]))
            let series = scan.series[0]
            let streaming = try await manager.createAndCacheVolume(id: "phantom:\(name)", series: series, fileLoader: loader)
            let state = await streaming.load()
            guard state == .complete else { throw PhantomLoadError(series: name, state: "\(state)") }
            return (streaming.volume, series)
        }
        let (ct, _) = try await stream("CT")
        let (pet, petSeries) = try await stream("PET")
        return PhantomVolumes(ct: ct, pet: pet, units: PETUnits(SUVCalibration.from(petSeries.representative)))
    }

    struct PhantomLoadError: Error { let series: String; let state: String }

    /// An unloaded copy of `full`: same geometry, slices and voxel type, every slice empty.
    static func emptyCopy(_ full: ImageVolume) throws -> ImageVolume {
        try ImageVolume(id: full.id + "-stream", geometry: full.geometry, slices: full.slices, voxelType: full.voxelType, modality: full.modality)
    }

    /// Inserts into `copy` the slices of `full` at positions `positions` of the interleaved retrieval
    /// order (e.g. 0..<30 for the first 30 to arrive), as a stream would; returns how many were inserted.
    @discardableResult
    static func stream(_ full: ImageVolume, into copy: ImageVolume, positions: Range<Int>) -> Int {
        let order = RetrievalOrder.interleaved.order(count: full.sliceCount)
        for k in order[positions] {
            copy.insert(slice: k) { $0.copyMemory(from: UnsafeRawBufferPointer(full.sliceBytes(k))) }
        }
        return positions.count
    }

    /// The number of slices making up `fraction` of `volume`, rounded.
    static func count(_ fraction: Double, of volume: ImageVolume) -> Int {
        Int((Double(volume.sliceCount) * fraction).rounded())
    }
}
