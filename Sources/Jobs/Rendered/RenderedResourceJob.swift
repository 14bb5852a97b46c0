import Foundation
import Loading
import Raster
import Render
import Volume

/// Answers one rendered-resource request from one series: plans it as the `RenderRequest`s the command line makes
/// for the equivalent options (`RenderedImagePlan.arguments`), draws each exactly as `RenderJob` draws its final
/// frame (the same scene, after the whole volume is loaded) and encodes it with the same codec, so a served image
/// equals byte for byte what `lightbox render` writes. Series thumbnails are `ThumbnailMaker`'s, as `lightbox
/// thumbnails` writes them.
public struct RenderedResourceJob: Sendable {
    public let request: RenderedResourceRequest

    public init(_ request: RenderedResourceRequest) {
        self.request = request
    }

    /// Renders the request from `series` (the series the request's level names: a folder's files, with the
    /// level's series UID picking among several, or a `dicomweb:` series id), opened in `session` for this request
    /// and released after it. A study-level request is answered by the caller, one series at a time (its thumbnail:
    /// the first series'). Series thumbnails are `ThumbnailMaker`'s for files or DICOMweb, as `lightbox thumbnails`.
    public func run(series input: SeriesInput, in session: LightboxSession) async throws(RenderedResourceError) -> RenderedResourceResult {
        if let side = request.seriesThumbnailSize {
            let frame = try await Self.seriesThumbnail(input, seriesUID: request.level.seriesUID, size: side, in: session)
            return RenderedResourceResult(images: [try encode(frame)], warnings: request.warnings)
        }
        let opened: OpenedSeries
        do { opened = try await session.open(input, seriesUID: request.level.seriesUID) } catch { throw Self.failure(error, input) }
        do {
            let result = try await run(opened: opened, input: input, in: session)
            await session.release(opened)
            return result
        } catch {
            await session.release(opened)
            throw error
        }
    }

    /// Renders the request from a series the caller opened (`session.open`) and keeps (a server's cache: its volume
    /// streams once for every request); it is loaded here if it is not yet, and not released. `input` is how it was
    /// opened. A series thumbnail is drawn as `lightbox thumbnails --dicomweb` draws one: the middle slice in its
    /// acquisition plane, or for PET a whole-volume MIP. Cancelling the task stops between images.
    public func run(opened: OpenedSeries, input: SeriesInput, in session: LightboxSession) async throws(RenderedResourceError) -> RenderedResourceResult {
        if let side = request.seriesThumbnailSize {
            let frame: Frame
            do {
                let maker = ThumbnailMaker(size: side, folder: URL(fileURLWithPath: "."), layout: .flat, session: session, engine: try session.renderEngine())
                frame = try await maker.thumbnail(ofOpened: opened).frame
            } catch let error as JobError { throw Self.failure(error, input) } catch {
                throw .failed(status: Self.originStatus(input), message: String(describing: error))
            }
            return RenderedResourceResult(images: [try encode(frame)], warnings: request.warnings)
        }
        let plan = try request.plan(for: opened, input: input)
        let images = plan.images
        guard !images.isEmpty else { throw .failed(status: 500, message: "nothing to render") }
        if request.volume?.metadataOnly == true {
            let metadata = try RenderedVolumeMetadata(request: request, plan: plan, first: images[0], series: opened)
            return RenderedResourceResult(images: [], metadata: metadata.json(), warnings: plan.warnings)
        }
        let state = await opened.streaming.load()
        if Task.isCancelled { throw .cancelled }
        guard state == .complete else {
            throw .failed(status: Self.originStatus(input), message: "series \(opened.seriesInstanceUID): some slices failed to load (\(state))")
        }
        let engine: RenderEngine
        do { engine = try session.renderEngine() } catch { throw .failed(status: 500, message: error.description) }
        var encoded: [EncodedImage] = []
        for image in images {
            if Task.isCancelled { throw .cancelled }
            let frame: Frame
            do {
                let scene = try RenderScene(request: image.request, volumes: [opened], units: nil)
                frame = try await engine.render(scene.layout, snapshots: []).frame
            } catch let error as JobError {
                throw Self.failure(error, input)
            } catch {
                throw .failed(status: 500, message: "rendering failed: \(error)")
            }
            encoded.append(try encode(frame))
        }
        return RenderedResourceResult(images: encoded, warnings: plan.warnings)
    }

    /// The frame in the request's media type (JPEG at its quality, default 90), as `ImageFile.write` encodes it.
    private func encode(_ frame: Frame) throws(RenderedResourceError) -> EncodedImage {
        do {
            switch request.mediaType {
            case .png: return EncodedImage(bytes: try PNGCodec.encode(frame), mediaType: RenderedMediaType.png.rawValue)
            case .jpeg:
                let bytes = try JPEGCodec.encode(frame, quality: request.quality ?? RenderedResourceRequest.defaultQuality)
                return EncodedImage(bytes: bytes, mediaType: RenderedMediaType.jpeg.rawValue)
            }
        } catch { throw .failed(status: 500, message: error.description) }
    }

    /// `ThumbnailMaker`'s picture of a series: the middle slice, or for PET a whole-volume MIP.
    private static func seriesThumbnail(_ input: SeriesInput, seriesUID: String?, size: Int, in session: LightboxSession) async throws(RenderedResourceError) -> Frame {
        do {
            let engine = try session.renderEngine()
            let maker = ThumbnailMaker(size: size, folder: URL(fileURLWithPath: "."), layout: .flat, session: session, engine: engine)
            switch input {
            case .files(let paths):
                return try await maker.thumbnail(of: try SeriesScan.pick(try SeriesScan.scan(paths), uid: seriesUID)).frame
            case .dicomweb(let id):
                #if DICOMweb
                guard let loader = session.dicomweb else { throw JobError.badInput("\(id): no DICOMweb loader is configured") }
                let metadata = try await loader.seriesMetadata(try DICOMwebID(parsing: id).series)
                return try await maker.thumbnail(dicomwebSeries: id, modality: metadata.values.first?.string(.modality)).frame
                #else
                throw JobError.builtWithoutDICOMweb(id)
                #endif
            case .nifti(let path):
                throw RenderedResourceError.unsupported("\(path): thumbnails are made of DICOM series")
            }
        } catch let error as RenderedResourceError {
            throw error
        } catch let error as JobError {
            throw failure(error, input)
        } catch let error as DICOMwebError where error.httpStatus == 404 {
            throw failure(.notFound(error.description), input)
        } catch {
            throw .failed(status: originStatus(input), message: String(describing: error))
        }
    }

    /// A job error as a response: bad input is the client's (400) unless it came from the origin.
    static func failure(_ error: JobError, _ input: SeriesInput) -> RenderedResourceError {
        switch error {
        case .badInput(let message): return .failed(status: originStatus(input) == 502 ? 502 : 400, message: message)
        case .notFound(let message): return .failed(status: 404, message: message)
        case .renderFailed(let message): return .failed(status: 500, message: message)
        case .partialFailure(let message): return .failed(status: originStatus(input), message: message)
        }
    }

    /// 502 when the series comes from a DICOMweb origin, else 500.
    static func originStatus(_ input: SeriesInput) -> Int {
        if case .dicomweb = input { return 502 }
        return 500
    }
}
