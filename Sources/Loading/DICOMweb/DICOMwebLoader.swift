#if DICOMweb
import AsyncHTTPClient
import DICOM
import Foundation
import NIOCore
import Volume

/// Loads `dicomweb:` image ids from a WADO-RS server (PS3.18).
///
/// Metadata first: the first request for any instance of a series fetches the whole series' metadata
/// once (`…/series/{uid}/metadata`, DICOM JSON) and keeps it, so a volume of N slices costs one
/// metadata request, not N. Pixels of one slice come per frame (`…/instances/{uid}/frames/{n}`) as
/// `multipart/related; type="application/octet-stream"`, parsed as they stream in and decoded with
/// the pixel description from the metadata straight into the volume slice. A streaming volume asks
/// for many slices at once (`BatchImageLoader`, see `DICOMwebRetrieval`): then most arrive in one
/// series retrieve, instance by instance as each part of the response completes.
///
/// Transfer syntax: by default frames are asked for in Explicit VR Little Endian (native), which the
/// server transcodes to if needed. With `.anyTransferSyntax` the server may send what it stores; a
/// compressed frame is decoded when `frameDecoders` has a codec for its syntax, else asked for again
/// in native (counted in `transferSyntaxFallbacks`).
///
/// Retries happen inside `client` (it honours `Retry-After`); errors reaching the volume are final,
/// name the image id and, where there was one, the HTTP status.
public final class DICOMwebLoader: ImageLoader, @unchecked Sendable {
    public let scheme = DICOMwebID.scheme

    /// How frames are asked for.
    public enum FrameRequest: Sendable {
        /// `transfer-syntax=1.2.840.10008.1.2.1`: the server sends native bytes.
        case native
        /// `transfer-syntax=*`: the server's stored syntax, decoded if a decoder is known, else re-asked native.
        case anyTransferSyntax
    }

    public let client: DICOMwebClient
    public let frameRequest: FrameRequest
    /// The DICOM layer's codecs by transfer syntax UID (e.g. `FrameDecoders.table`), used with `.anyTransferSyntax`.
    public let frameDecoders: [String: any FrameDecoder]
    /// How a streaming volume's slices are asked for: `.auto` (series retrieve, frame lists) or `.perFrame`.
    public let retrieval: DICOMwebRetrieval

    static let nativeAccept = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=\(TransferSyntax.explicitVRLittleEndian.uid)"
    static let anyAccept = "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*"

    private let lock = NSLock()
    /// Series metadata by series id: instance data sets by SOP Instance UID.
    private var seriesTasks: [String: Task<[String: DataSet], any Error>] = [:]
    /// Instance data sets by image id (without frame), once `loadMetadata` has seen them.
    private var instances: [String: DataSet] = [:]
    private var descriptions: [String: PixelDescription] = [:]
    private let fallbackCount = LockedValue(0)
    /// What the batch paths did, for reports, tests and benchmarks.
    let counters = LockedValue(DICOMwebRetrieval.Statistics())
    /// WADO-RS roots that answered a series retrieve with 400, 404, 405, 406, 415 or 501: asked one by one from then on.
    let seriesRetrieveRefused = LockedValue(Set<String>())

    public init(client: DICOMwebClient = DICOMwebClient(), frameRequest: FrameRequest = .native,
                frameDecoders: [String: any FrameDecoder] = [:], retrieval: DICOMwebRetrieval = .auto) {
        self.client = client
        self.frameRequest = frameRequest
        self.frameDecoders = frameDecoders
        self.retrieval = retrieval
    }

    /// A loader with its own client made from `configuration` (sharing the process-wide connections).
    public convenience init(configuration: DICOMwebClient.Configuration, frameRequest: FrameRequest = .native,
                            retrieval: DICOMwebRetrieval = .auto) {
        self.init(client: DICOMwebClient(configuration: configuration), frameRequest: frameRequest, retrieval: retrieval)
    }

    /// What the batch paths did since the loader was made (or `resetRetrievalStatistics()`).
    public var retrievalStatistics: DICOMwebRetrieval.Statistics { counters.withLock { $0 } }

    public func resetRetrievalStatistics() { counters.withLock { $0 = .init() } }

    /// Frames that came compressed without a decoder and were asked for again in native.
    public var transferSyntaxFallbacks: Int { fallbackCount.withLock { $0 } }

    // MARK: Series

    /// The image ids of a series (`dicomweb:<base>/studies/{s}/series/{se}`), from its metadata,
    /// ordered by Instance Number then SOP Instance UID. The metadata is kept for `loadMetadata`.
    public func imageIDs(ofSeries seriesID: String) async throws -> [String] {
        let id = try DICOMwebID(parsing: seriesID).series
        let byUID = try await seriesMetadata(id)
        return byUID.sorted { a, b in
            let (na, nb) = (a.value.int(.instanceNumber) ?? Int.max, b.value.int(.instanceNumber) ?? Int.max)
            return na != nb ? na < nb : a.key < b.key
        }.map { id.instance($0.key).id }
    }

    /// The data sets of a series' instances by SOP Instance UID, fetched once (concurrent callers share
    /// the request; a failed fetch is forgotten so a later call tries again).
    public func seriesMetadata(_ series: DICOMwebID) async throws -> [String: DataSet] {
        let key = series.series.id
        let task: Task<[String: DataSet], any Error> = lock.withLock {
            if let existing = seriesTasks[key] { return existing }
            let task = Task { try await self.fetchMetadata(series.series, resource: key) }
            seriesTasks[key] = task
            return task
        }
        do {
            return try await task.value
        } catch {
            lock.withLock { if seriesTasks[key] == task { seriesTasks[key] = nil } }
            throw error
        }
    }

    /// Forgets cached metadata (e.g. after the series changed on the server).
    public func forgetMetadata() {
        lock.withLock {
            seriesTasks.removeAll()
            instances.removeAll()
            descriptions.removeAll()
        }
    }

    private func fetchMetadata(_ id: DICOMwebID, resource: String) async throws -> [String: DataSet] {
        let data = try await client.get(id.metadataURL, accept: "application/dicom+json, application/json", resource: resource) {
            response in try await self.collect(response.body)
        }
        var result: [String: DataSet] = [:]
        for object in try DICOMJSON.decode(data) {
            guard let uid = object.dataSet.string(.sopInstanceUID), !uid.isEmpty else {
                throw DICOMwebError.malformedResponse(resource: resource, reason: "a metadata entry has no SOP Instance UID")
            }
            result[uid] = object.dataSet
        }
        return result
    }

    // MARK: ImageLoader

    public func loadMetadata(imageID: String) async throws -> [SliceMetadata] {
        let id = try DICOMwebID(parsing: imageID)
        guard let instanceUID = id.instanceUID else {
            throw DICOMwebError.invalidID(id: imageID, reason: "it names a series; list its images with imageIDs(ofSeries:)")
        }
        let dataSet = try await instanceDataSet(id.image, instanceUID: instanceUID)
        var frames = try SliceMetadata.frames(of: dataSet, imageID: id.image.id)
        if let frame = id.frame {
            guard frame <= frames.count else {
                throw LoadingError.sliceFailed(imageID: imageID, reason: "has no frame \(frame) (it has \(frames.count))")
            }
            frames = [frames[frame - 1]]
            frames[0].imageID = imageID
        }
        return frames
    }

    public func loadPixels(of slice: SliceMetadata) async throws -> any PixelPayload {
        let id = try DICOMwebID(parsing: slice.imageID)
        guard let instanceUID = id.instanceUID else {
            throw DICOMwebError.invalidID(id: slice.imageID, reason: "it names a series, not an image")
        }
        let description = try await pixelDescription(id.image, instanceUID: instanceUID)
        let frameNumber = id.frame ?? slice.frameIndex + 1
        let resource = description.numberOfFrames > 1 && id.frame == nil ? "\(slice.imageID) frame \(frameNumber)" : slice.imageID
        var request = frameRequest
        while true {
            let accept = request == .native ? Self.nativeAccept : Self.anyAccept
            let (bytes, uid) = try await client.get(id.frameURL(frameNumber), accept: accept, resource: resource) { response in
                try await self.readFrame(response, resource: resource, expected: description.storedBytesPerFrame)
            }
            if let payload = try framePayload(bytes, syntax: uid, description: description, frame: frameNumber - 1, slice: slice, label: resource) {
                return payload
            }
            guard request == .anyTransferSyntax else {
                throw DICOMwebError.unsupportedTransferSyntax(resource: resource, uid: uid)
            }
            fallbackCount.withLock { $0 += 1 }
            request = .native
        }
    }

    /// The payload of one frame's bytes in transfer syntax `uid`: native bytes as they are, compressed ones decoded
    /// by `frameDecoders`; nil when there is no decoder for the syntax.
    func framePayload(_ bytes: [UInt8], syntax uid: String, description: PixelDescription, frame: Int,
                      slice: SliceMetadata, label: String) throws -> (any PixelPayload)? {
        let syntax = TransferSyntax(uid: uid)
        if !syntax.isCompressed {
            return try DICOMwebFramePayload(
                bytes: .native(bytes, bigEndian: syntax.isBigEndian), description: description, rescale: slice.rescale, label: label)
        }
        guard let decoder = frameDecoders[syntax.uid] else { return nil }
        let decoded = try Self.decode(bytes, with: decoder, description: description, frame: frame, image: label)
        return try DICOMwebFramePayload(bytes: .decoded(decoded), description: description, rescale: slice.rescale, label: label)
    }

    // MARK: Helpers

    /// One compressed frame (the bytes of one multipart part) decoded by a DICOM-layer codec into stored-type
    /// samples, interleaved, native byte order: `description.decodedBytesPerFrame` bytes of one frame.
    static func decode(_ encoded: [UInt8], with decoder: any FrameDecoder, description: PixelDescription,
                               frame: Int, image: String) throws(DICOMError) -> [UInt8] {
        var one = description
        one.numberOfFrames = 1
        var output = [UInt8](repeating: 0, count: one.decodedBytesPerFrame)
        var failure: DICOMError?
        output.withUnsafeMutableBytes { buffer in
            do throws(DICOMError) {
                try decoder.decode(Data(encoded), description: one, frameIndex: frame, fileName: image, into: buffer)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return output
    }

    private func instanceDataSet(_ image: DICOMwebID, instanceUID: String) async throws -> DataSet {
        if let known = lock.withLock({ instances[image.id] }) { return known }
        var dataSet = try await seriesMetadata(image.series)[instanceUID]
        if dataSet == nil {
            // Not in the series listing (added since?): ask for the instance's own metadata.
            let byUID = try await fetchMetadata(image, resource: image.id)
            dataSet = byUID[instanceUID]
        }
        guard let dataSet else { throw DICOMwebError.instanceNotInSeries(imageID: image.id) }
        lock.withLock { instances[image.id] = dataSet }
        return dataSet
    }

    func pixelDescription(_ image: DICOMwebID, instanceUID: String) async throws -> PixelDescription {
        if let known = lock.withLock({ descriptions[image.id] }) { return known }
        let description = try PixelDescription(dataSet: try await instanceDataSet(image, instanceUID: instanceUID))
        lock.withLock { descriptions[image.id] = description }
        return description
    }

    /// The whole body (metadata).
    private func collect(_ body: HTTPClientResponse.Body) async throws -> Data {
        var data = Data()
        for try await buffer in body {
            data.append(contentsOf: buffer.readableBytesView)
        }
        client.noteBodyBytes(data.count)
        return data
    }

    /// The first part of a multipart/related frame response (or a bare octet-stream body) and its
    /// transfer syntax UID (Explicit VR Little Endian when the server does not say). A frame longer than
    /// `DICOMwebRetrieval.frameLimit(expected)` is refused, whatever the headers said.
    private func readFrame(_ response: HTTPClientResponse, resource: String, expected: Int) async throws -> ([UInt8], String) {
        let contentType = MediaType(response.headers.first(name: "Content-Type") ?? "application/octet-stream")
        var frame: [UInt8] = []
        frame.reserveCapacity(expected)
        let limit = DICOMwebRetrieval.frameLimit(expected)
        func append(_ bytes: some Collection<UInt8>) throws {
            guard frame.count + bytes.count <= limit else {
                throw DICOMwebError.malformedResponse(resource: resource, reason: "frame longer than \(limit) bytes (the metadata describes \(expected))")
            }
            frame.append(contentsOf: bytes)
        }
        var received = 0
        var syntax = contentType.parameters["transfer-syntax"]
            ?? contentType.parameters["type"].flatMap { MediaType($0).parameters["transfer-syntax"] }
        switch contentType.type {
        case "multipart/related":
            guard let boundary = contentType.parameters["boundary"] else {
                throw DICOMwebError.malformedResponse(resource: resource, reason: "multipart/related without a boundary")
            }
            var parser = try MultipartParser(boundary: boundary)
            var parts = 0
            for try await buffer in response.body {
                received += buffer.readableBytes
                try buffer.withUnsafeReadableBytes { bytes in
                    try parser.feed(bytes: bytes) { event in
                        switch event {
                        case .partBegin(let headers):
                            parts += 1
                            if parts == 1, let type = headers["content-type"],
                               let partSyntax = MediaType(type).parameters["transfer-syntax"] {
                                syntax = partSyntax
                            }
                        case .body(let bytes):
                            if parts == 1 { try append(bytes) }
                        case .partEnd:
                            break
                        }
                    }
                }
            }
            do {
                try parser.finish()
            } catch {
                // A body cut short is a transport failure: the client retries it.
                throw DICOMwebError.connection(resource: resource, reason: "frame body ended early (\(error))", attempts: 1)
            }
            guard parts >= 1 else {
                throw DICOMwebError.malformedResponse(resource: resource, reason: "multipart/related response without parts")
            }
        case "application/octet-stream":
            for try await buffer in response.body {
                received += buffer.readableBytes
                try append(buffer.readableBytesView)
            }
        default:
            throw DICOMwebError.malformedResponse(resource: resource, reason: "Content-Type \(contentType.type), expected multipart/related")
        }
        client.noteBodyBytes(received)
        let uid = syntax.map { String($0.prefix { $0 != " " }) } ?? TransferSyntax.explicitVRLittleEndian.uid
        return (frame, uid == "*" ? TransferSyntax.explicitVRLittleEndian.uid : uid)
    }
}
#endif
