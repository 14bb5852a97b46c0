import DICOM
import Foundation
import Loading
import Volume

/// The one series a command streams: files found by a scan, or a `dicomweb:` series id.
struct SeriesSource {
    /// A data set of the series, for series-level attributes (window, units, frame of reference).
    var representative: DataSet
    var seriesInstanceUID: String
    var streaming: StreamingImageVolume

    /// Resolves the inputs and creates the volume (metadata first; pixels stream on `start()`).
    static func open(_ inputs: [String], seriesUID: String?, selection: VolumeSelection, dicomweb: DICOMwebOptions) async throws -> SeriesSource {
        if inputs.count == 1, let id = inputs.first, id.hasPrefix("dicomweb:") {
            let loader = dicomweb.makeLoader()
            let manager = VolumeManager(registry: LoaderRegistry([loader]))
            do {
                let series = try DICOMwebID(parsing: id).series
                let metadata = try await loader.seriesMetadata(series)
                guard let first = metadata.values.first else { throw CommandError.badInput("\(series.id): the series has no instances") }
                let streaming = try await manager.createAndCacheVolume(dicomwebSeries: series.id, selection: selection)
                return SeriesSource(representative: first, seriesInstanceUID: first.string(.seriesInstanceUID) ?? series.id, streaming: streaming)
            } catch let error as CommandError {
                throw error
            } catch {
                throw CommandError.badInput(String(describing: error))
            }
        }
        let chosen = try SeriesSelection.pick(try InputResolver.scan(inputs), uid: seriesUID)
        let loader = FileImageLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        do {
            let streaming = try await manager.createAndCacheVolume(id: "file:render", series: chosen, fileLoader: loader, selection: selection)
            return SeriesSource(representative: chosen.representative, seriesInstanceUID: chosen.seriesInstanceUID, streaming: streaming)
        } catch {
            throw CommandError.badInput(String(describing: error))
        }
    }
}
