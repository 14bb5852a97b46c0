import Foundation
import Loading
import NIfTI
import Volume

extension SeriesSummary {
    /// Summarises a NIfTI image file for `info`: the grid, orientation, irregularities and value range of the volume it
    /// renders as (the header's scaling applied), the modality of its dcm2niix sidecar, and the header's format,
    /// datatype and where nibabel's affine comes from (`format`). Its pixels are streamed once, and released.
    public static func inspect(nifti path: String, in session: LightboxSession) async -> SeriesSummary {
        let id = NIfTIImageLoader.imageID(for: URL(fileURLWithPath: path))
        var summary = SeriesSummary(
            seriesInstanceUID: id, instances: 1, frames: 0, transferSyntaxes: [], stacks: [], imagesWithoutGeometry: [],
            duplicateCopies: [], irregularities: [], problems: [])
        do {
            let header = try NIfTIFile(path: path).header
            summary.frames = header.spatialDimensions.z * header.volumeCount
            summary.seriesDescription = header.descrip.isEmpty ? nil : header.descrip
            let scaling = header.scaling
            summary.format = "NIfTI-\(header.version.rawValue) \(header.datatype)" + (header.bigEndian ? " big-endian" : "")
                + (scaling == (1, 0) ? "" : String(format: ", scaled × %g + %g", scaling.slope, scaling.intercept))
                + ", affine from the \(header.bestAffineRAS.source.rawValue)"
                + (header.volumeCount > 1 ? ", \(header.volumeCount) volumes" : "")
        } catch {
            summary.problems.append(String(describing: error))
            return summary
        }
        do {
            let opened = try await session.open(.nifti(path), order: .sequential)
            summary.modality = opened.streaming.volume.modality
            summary.describe(opened.streaming.volume.geometry, irregularities: opened.streaming.choice.irregularities)
            await summary.measureValues(of: opened, failing: "could not be read", in: session)
        } catch {
            summary.problems.append(String(describing: error))
        }
        return summary
    }
}
