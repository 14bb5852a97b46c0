import DICOM
import Foundation
import Loading
import Render
import Volume

/// A CT and a PET opened together for fusion, with the PET's display units (SUVbw when its headers allow).
///
/// The frame-of-reference policy is Render's rule (`FusionView.checkFramesOfReference`), checked when the pair
/// is opened, before any pixel streams: different frames are refused unless allowed, and then reported once.
public struct PETCTPair: Sendable {
    public var ct: OpenedSeries
    public var pet: OpenedSeries
    public var units: PETUnits
    /// The two frames of reference when they differ and that was allowed; nil when they agree.
    public var differentFrames: (ct: String, pet: String)?

    /// Opens both series; `petSelection` picks the PET's volume (a dynamic PET's frame), the CT uses its default volume.
    public static func open(
        ct: SeriesInput, pet: SeriesInput, petSelection: VolumeSelection = .init(), allowDifferentFrames: Bool,
        order: RetrievalOrder = .interleaved, in session: LightboxSession
    ) async throws(JobError) -> PETCTPair {
        let ctSeries = try await session.open(ct, selection: VolumeSelection(strict: petSelection.strict), order: order)
        let petSeries = try await session.open(pet, selection: petSelection, order: order)
        let units = PETUnits(SUVCalibration.from(petSeries.representative), storedUnit: petSeries.representative.string(.units) ?? "stored units")
        do {
            let different = try FusionView.checkFramesOfReference(
                ct: ctSeries.streaming.volume, pet: petSeries.streaming.volume, allowDifferent: allowDifferentFrames)
            return PETCTPair(ct: ctSeries, pet: petSeries, units: units, differentFrames: different)
        } catch {
            await session.release(ctSeries)
            await session.release(petSeries)
            guard case .frameOfReferenceMismatch(let c, let p) = error else { throw .renderFailed(error.description) }
            throw .badInput(Self.framesMessage(ct: c, pet: p) + "; pass --allow-different-frames (allowDifferentFrames) to fuse them anyway")
        }
    }

    /// What to say when the frames of reference differ.
    public static func framesMessage(ct: String, pet: String) -> String {
        "the PET (frame of reference \(pet)) and the CT (\(ct)) are not in one frame of reference, so their patient coordinates need not line up"
    }
}
