#if DICOMweb
import AsyncHTTPClient
import DICOM
import Foundation
import Volume

/// The series retrieve (WADO-RS `…/studies/{s}/series/{se}`, PS3.18 10.4): one `multipart/related;
/// type="application/dicom"` response whose parts are the series' instances as Part 10 files, parsed as the
/// bytes arrive. Whole instances rather than bulk pixel data because each part then names itself (its SOP
/// Instance UID, checked against the metadata), carries its own transfer syntax, and is decoded by the same
/// code as a file; the header costs about 1 KB an instance.
extension DICOMwebLoader {
    static let seriesNativeAccept = "multipart/related; type=\"application/dicom\"; transfer-syntax=\(TransferSyntax.explicitVRLittleEndian.uid)"
    static let seriesAnyAccept = "multipart/related; type=\"application/dicom\"; transfer-syntax=*"

    /// The `Accept` header of this loader's series retrieves (following `frameRequest`).
    public var seriesRetrieveAccept: String { frameRequest == .native ? Self.seriesNativeAccept : Self.seriesAnyAccept }

    /// The `Accept` header of this loader's frame requests (following `frameRequest`).
    public var frameAccept: String { frameRequest == .native ? Self.nativeAccept : Self.anyAccept }

    /// Streams one series retrieve and delivers each wanted instance (SOP Instance UID → position) not delivered yet
    /// as its part completes. The server may refuse or fail before the first part (then nothing is delivered), or
    /// the body may break off later: the client retries the request only while no part was delivered, so nothing
    /// is fetched twice, and the caller asks one by one for what is still missing.
    func retrieveSeries(_ series: DICOMwebID, wanted: [String: Int], partLimit: Int, slices: [SliceMetadata],
                        deliver: OnceDelivery) async {
        counters.withLock { $0.seriesRetrieves += 1 }
        do {
            try await client.get(series.url, accept: seriesRetrieveAccept, resource: series.id) { response in
                try await self.readSeries(response, series: series, wanted: wanted, partLimit: partLimit, slices: slices, deliver: deliver)
            }
        } catch {
            if Task.isCancelled { return }
            if let status = (error as? DICOMwebError)?.httpStatus, DICOMwebRetrieval.refusalStatuses.contains(status) {
                _ = seriesRetrieveRefused.withLock { $0.insert(series.baseURL) }
            }
            counters.withLock { $0.seriesFallbacks += 1 }
        }
    }

    private func readSeries(_ response: HTTPClientResponse, series: DICOMwebID, wanted: [String: Int], partLimit: Int,
                            slices: [SliceMetadata], deliver: OnceDelivery) async throws {
        let type = MediaType(response.headers.first(name: "Content-Type") ?? "").parameters["type"]
        if let type, MediaType(type).type != "application/dicom" {
            throw DICOMwebError.malformedResponse(resource: series.id, reason: "parts of type \(type), expected application/dicom")
        }
        let name = series.id
        let ended = try await forEachPart(of: response, from: series.url, resource: name, partLimit: partLimit) { [self] _, _, data in
            guard let data else {
                counters.withLock { $0.partsTooLong += 1 }
                return false
            }
            guard let found = instance(in: data, name: name, wanted: wanted, slices: slices),
                  await deliver(found.position, .success(found.payload))
            else {
                counters.withLock { $0.partsSkipped += 1 }
                return false
            }
            counters.withLock { $0.instancesFromSeries += 1 }
            return true
        }
        if !ended { counters.withLock { $0.seriesInterrupted += 1 } }
    }

    /// The wanted instance a part holds, as its SOP Instance UID, position and payload (its header, reading its
    /// pixels from the part when its slice is written); nil for a part that is no DICOM file, no wanted instance
    /// or holds fewer pixel bytes than its header declares (it is then fetched one frame at a time, which names
    /// its own error).
    private func instance(in part: ReceivedPart, name: String, wanted: [String: Int],
                          slices: [SliceMetadata]) -> (position: Int, payload: any PixelPayload)? {
        guard let file = try? DICOMFile.parseHeader(of: part, name: name),
              let uid = file.dataSet.string(.sopInstanceUID), let position = wanted[uid] else { return nil }
        if let location = file.pixelDataLocation,
           location.length < ((try? file.pixelDescription())?.storedBytesForAllFrames ?? 0) { return nil }
        let slice = slices[position]
        return (position, DICOMFramePayload(file: file, frame: slice.frameIndex, rescale: slice.rescale, label: slice.label))
    }
}
#endif
