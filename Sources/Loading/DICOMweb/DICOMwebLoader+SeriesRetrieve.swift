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

    /// Streams one series retrieve and delivers each wanted instance (SOP Instance UID → position) as its part
    /// completes, none before `first` ended. Returns the positions it did not deliver, in order: all of them
    /// when the server refused or failed before the first part, the rest when the body broke off later (the
    /// client retries the request only while no part was delivered, so nothing is fetched twice).
    func retrieveSeries(_ series: DICOMwebID, wanted: [String: Int], partLimit: Int, slices: [SliceMetadata],
                        after first: Task<Void, Never>, deliver: @escaping Delivery) async -> [Int] {
        let delivered = LockedValue(Set<String>())
        counters.withLock { $0.seriesRetrieves += 1 }
        do {
            try await client.get(series.url, accept: seriesRetrieveAccept, resource: series.id) { response in
                try await self.readSeries(response, series: series, wanted: wanted, partLimit: partLimit, slices: slices,
                                          delivered: delivered, after: first, deliver: deliver)
            }
        } catch {
            if Task.isCancelled { return [] }
            if let status = (error as? DICOMwebError)?.httpStatus, DICOMwebRetrieval.refusalStatuses.contains(status) {
                _ = seriesRetrieveRefused.withLock { $0.insert(series.baseURL) }
            }
            counters.withLock { $0.seriesFallbacks += 1 }
        }
        let done = delivered.withLock { $0 }
        return wanted.filter { !done.contains($0.key) }.map(\.value).sorted()
    }

    private func readSeries(_ response: HTTPClientResponse, series: DICOMwebID, wanted: [String: Int], partLimit: Int,
                            slices: [SliceMetadata], delivered: LockedValue<Set<String>>,
                            after first: Task<Void, Never>, deliver: Delivery) async throws {
        let resource = series.id
        let contentType = MediaType(response.headers.first(name: "Content-Type") ?? "")
        guard contentType.type == "multipart/related", let boundary = contentType.parameters["boundary"] else {
            throw DICOMwebError.malformedResponse(resource: resource, reason: "Content-Type \(contentType.type), expected multipart/related")
        }
        if let type = contentType.parameters["type"], MediaType(type).type != "application/dicom" {
            throw DICOMwebError.malformedResponse(resource: resource, reason: "parts of type \(type), expected application/dicom")
        }
        var parser = try MultipartParser(boundary: boundary)
        var part = BoundedPart(limit: partLimit)
        var received = 0, deliveredHere = 0, firstEnded = false
        defer { client.noteBodyBytes(received) }
        do {
            for try await buffer in response.body {
                received += buffer.readableBytes
                var complete: [Data] = []
                try parser.feed(buffer.readableBytesView) { event in
                    switch event {
                    case .partBegin(let headers): part.begin(declaredLength: headers["content-length"].flatMap { Int($0) })
                    case .body(let bytes): part.append(bytes)
                    case .partEnd:
                        if let data = part.end() { complete.append(data) } else { counters.withLock { $0.partsTooLong += 1 } }
                    }
                }
                for data in complete {
                    if !firstEnded { await first.value; firstEnded = true }
                    guard let found = instance(in: data, series: series, wanted: wanted, slices: slices),
                          delivered.withLock({ $0.insert(found.uid).inserted })
                    else {
                        counters.withLock { $0.partsSkipped += 1 }
                        continue
                    }
                    await deliver(found.position, .success(found.payload))
                    deliveredHere += 1
                    counters.withLock { $0.instancesFromSeries += 1 }
                }
            }
            try parser.finish()
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            // Before any part: a transport failure the client retries. After: what is missing goes one by one.
            guard deliveredHere > 0 else {
                throw DICOMwebError.connection(resource: resource, reason: "series body ended early (\(error))", attempts: 1)
            }
            counters.withLock { $0.seriesInterrupted += 1 }
            client.noteInterruptedBody()
        }
    }

    /// The wanted instance a part holds, as its SOP Instance UID, position and payload; nil for a part that is no
    /// DICOM file or no wanted instance (it is then fetched one frame at a time, which names its own error).
    private func instance(in data: Data, series: DICOMwebID, wanted: [String: Int],
                          slices: [SliceMetadata]) -> (uid: String, position: Int, payload: any PixelPayload)? {
        guard let file = try? DICOMFile.parse(data, mode: .full, name: series.id),
              let uid = file.dataSet.string(.sopInstanceUID), let position = wanted[uid] else { return nil }
        let slice = slices[position]
        return (uid, position, DICOMFramePayload(file: file, frame: slice.frameIndex, rescale: slice.rescale, label: slice.label))
    }
}

/// The bytes of one multipart part, up to a limit: a longer part is dropped as it streams (never buffered), and a
/// declared `Content-Length` only sizes the first allocation, within the limit.
struct BoundedPart {
    let limit: Int
    private var bytes = Data()
    private var tooLong = false

    init(limit: Int) { self.limit = limit }

    mutating func begin(declaredLength: Int?) {
        bytes = Data()
        tooLong = false
        if let declaredLength, declaredLength > 0 { bytes.reserveCapacity(min(declaredLength, limit)) }
    }

    mutating func append(_ chunk: [UInt8]) {
        guard !tooLong else { return }
        guard bytes.count + chunk.count <= limit else {
            tooLong = true
            bytes = Data()
            return
        }
        bytes.append(contentsOf: chunk)
    }

    /// The part's bytes, or nil when it was longer than the limit.
    mutating func end() -> Data? {
        defer { bytes = Data() }
        return tooLong ? nil : bytes
    }
}
