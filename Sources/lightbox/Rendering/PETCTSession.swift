import DICOM
import Foundation
import Loading
import Raster
import Render
import Volume

/// A CT and a PET streaming together from files, with progressive frames rendered as slices arrive.
struct PETCTSession {
    var ct: StreamingImageVolume
    var pet: StreamingImageVolume
    var units: PETUnits

    /// Creates both volumes (metadata first) from two scanned series; refuses a PET and CT in different
    /// frames of reference unless `allowDifferentFrames`, since their patient coordinates would not correspond.
    /// The frames are checked by Render's rule (`FusionView.checkFramesOfReference`) before any pixel streams,
    /// so a refusal comes at once and an allowed difference is warned about once, not on every frame.
    static func open(
        ct ctSeries: SeriesScanner.Series, pet petSeries: SeriesScanner.Series, petSelection: VolumeSelection, allowDifferentFrames: Bool
    ) async throws -> PETCTSession {
        let loader = FileImageLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        let session: PETCTSession
        do {
            let ct = try await manager.createAndCacheVolume(
                id: "file:ct", series: ctSeries, fileLoader: loader, selection: VolumeSelection(strict: petSelection.strict))
            let pet = try await manager.createAndCacheVolume(id: "file:pet", series: petSeries, fileLoader: loader, selection: petSelection)
            let units = PETUnits(SUVCalibration.from(petSeries.representative), storedUnit: petSeries.representative.string(.units) ?? "stored units")
            session = PETCTSession(ct: ct, pet: pet, units: units)
        } catch {
            throw CommandError.badInput(String(describing: error))
        }
        func message(_ ct: String, _ pet: String) -> String {
            "the PET (frame of reference \(pet)) and the CT (\(ct)) are not in one frame of reference, so their patient coordinates need not line up"
        }
        do {
            if let different = try FusionView.checkFramesOfReference(ct: session.ct.volume, pet: session.pet.volume, allowDifferent: allowDifferentFrames) {
                printError("lightbox: warning: " + message(different.ct, different.pet))
            }
        } catch {
            guard case .frameOfReferenceMismatch(let ct, let pet) = error else { throw error }
            throw CommandError.badInput(message(ct, pet) + "; pass --allow-different-frames to fuse them anyway")
        }
        return session
    }

    /// Streams both volumes; after every `progressiveStep`% of all slices calls `progress(percent)`.
    /// Returns the final states (CT, PET).
    func stream(progressiveStep: Int?, quiet: Bool, progress: (Int) async throws -> Void) async throws -> (VolumeLoadState, VolumeLoadState) {
        let total = ct.volume.sliceCount + pet.volume.sliceCount
        let bar = ProgressBar(label: "streaming", unit: "slices", total: total, quiet: quiet)
        let merged = AsyncStream<VolumeEvent> { continuation in
            let a = ct.events(), b = pet.events()
            Task {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { for await e in a { continuation.yield(e) } }
                    group.addTask { for await e in b { continuation.yield(e) } }
                }
                continuation.finish()
            }
        }
        ct.start()
        pet.start()
        var loaded = 0
        var next = progressiveStep ?? 101
        for await event in merged {
            switch event {
            case .sliceLoaded:
                loaded += 1
                bar.update(loaded)
                while let step = progressiveStep, loaded * 100 >= next * total, next < 100 {
                    try await progress(next)
                    next += step
                }
            case .sliceFailed(_, let imageID, let error):
                printError("lightbox: slice failed: \(imageID): \(error)")
            case .finished, .stageFinished:
                break
            }
        }
        return (await ct.load(), await pet.load())
    }
}
