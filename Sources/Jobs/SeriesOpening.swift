import DICOM
import Foundation
import Loading
import Volume

/// One series opened for a job: its chosen volume (allocated; pixels stream on `start()`), and a data set of
/// the series for series-level attributes (SUV, units).
public struct OpenedSeries: Sendable {
    public var seriesInstanceUID: String
    public var representative: DataSet
    public var streaming: StreamingImageVolume
    /// The `file:` ids whose headers the session's file loader keeps for this series (every instance, not only
    /// the chosen volume's), forgotten on release.
    var fileImageIDs: [String] = []
    /// The key of the session's open-series pool this series was opened through, if any.
    var poolKey: String?
}

extension LightboxSession {
    /// Opens the series `input` names (the one with `seriesUID` when the files hold several), creating the
    /// volume `selection` picks in the session's cache: metadata first, no pixel yet.
    public func open(
        _ input: SeriesInput, seriesUID: String? = nil, selection: VolumeSelection = .init(), order: RetrievalOrder = .interleaved
    ) async throws(JobError) -> OpenedSeries {
        let key = "input \(input.description) uid \(seriesUID ?? "") \(selection)"
        return try await pooled(key: key) { try await self.openVolume(input, seriesUID: seriesUID, selection: selection, order: order) }
    }

    /// Opens `input` for `open(_:seriesUID:selection:order:)`, errors as the layers below throw them.
    private func openVolume(
        _ input: SeriesInput, seriesUID: String?, selection: VolumeSelection, order: RetrievalOrder
    ) async throws -> OpenedSeries {
        switch input {
        case .dicomweb(let id):
            #if DICOMweb
            guard let loader = dicomweb else { throw JobError.badInput("\(id): no DICOMweb loader is configured") }
            let series = try DICOMwebID(parsing: id).series
            let metadata = try await loader.seriesMetadata(series)
            guard let first = metadata.values.first else { throw JobError.notFound("\(series.id): the series has no instances") }
            let streaming = try await manager.createAndCacheVolume(dicomwebSeries: series.id, selection: selection, order: order)
            return OpenedSeries(seriesInstanceUID: first.string(.seriesInstanceUID) ?? series.id, representative: first, streaming: streaming)
            #else
            throw JobError.builtWithoutDICOMweb(id)
            #endif
        case .nifti(let path):
            let id = NIfTIImageLoader.imageID(for: URL(fileURLWithPath: path))
            let streaming = try await manager.createAndCacheVolume(
                id: uniqueVolumeID(id), imageIDs: [id], selection: selection, order: order)
            return OpenedSeries(seriesInstanceUID: id, representative: DataSet(), streaming: streaming)
        case .files(let paths):
            return try await openScanned(try SeriesScan.pick(try SeriesScan.scan(paths), uid: seriesUID), selection: selection, order: order)
        }
    }

    /// Opens a scanned series (its headers are used, not read again); `concurrency` slices are decoded at once.
    public func open(
        _ series: SeriesScanner.Series, selection: VolumeSelection = .init(), order: RetrievalOrder = .interleaved,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async throws(JobError) -> OpenedSeries {
        let key = "scanned \(series.seriesInstanceUID) \(series.instances.map(\.url.path)) \(selection)"
        return try await pooled(key: key) { try await self.openScanned(series, selection: selection, order: order, concurrency: concurrency) }
    }

    private func openScanned(
        _ series: SeriesScanner.Series, selection: VolumeSelection, order: RetrievalOrder,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    ) async throws -> OpenedSeries {
        let fileImageIDs = series.instances.map { FileImageLoader.imageID(for: $0.url) }
        do {
            let streaming = try await manager.createAndCacheVolume(
                id: uniqueVolumeID("file:\(series.seriesInstanceUID)"), series: series, fileLoader: fileLoader,
                selection: selection, order: order, concurrency: concurrency)
            return OpenedSeries(
                seriesInstanceUID: series.seriesInstanceUID, representative: series.representative, streaming: streaming,
                fileImageIDs: fileImageIDs)
        } catch {
            fileLoader.forget(fileImageIDs)
            throw error
        }
    }

    /// Opens through the pool when the session keeps series open (closing idle ones while the cache is full),
    /// else directly; errors become `JobError`s.
    private func pooled(key: String, open: @escaping @Sendable () async throws -> OpenedSeries) async throws(JobError) -> OpenedSeries {
        do {
            guard let pool else { return try await open() }
            var series = try await pool.open(key: key) {
                while true {
                    do { return try await open() } catch let error as CacheError {
                        guard case .sizeExceeded = error, let idle = await pool.evictIdle() else { throw error }
                        await self.close(idle)
                    }
                }
            }
            series.poolKey = key
            return series
        } catch let error as JobError {
            throw error
        } catch let error as DICOMwebError where error.httpStatus == 404 {
            throw .notFound(error.description)
        } catch {
            throw .badInput(String(describing: error))
        }
    }

    /// Releases an opened series' volume from the cache and the render engine, and the file headers it kept
    /// (those of images outside the chosen volume too).
    /// In a session that keeps series open, the series stays open for later jobs unless it did not load completely.
    public func release(_ series: OpenedSeries) async {
        if let pool, let key = series.poolKey {
            if let closing = pool.release(key: key, series: series) { await close(closing) }
            return
        }
        await close(series)
    }

    /// Closes every series the pool keeps open (a server shutting down).
    public func closeOpenSeries() async {
        guard let pool else { return }
        for series in await pool.drain() { await close(series) }
    }

    private func close(_ series: OpenedSeries) async {
        let volume = series.streaming.volume
        series.streaming.cancel()
        manager.release(volumeID: volume.id)
        fileLoader.forget(series.fileImageIDs)
        if let engine = startedEngine { await engine.release(volume) }
    }
}
