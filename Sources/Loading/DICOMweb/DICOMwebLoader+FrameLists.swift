#if DICOMweb
import AsyncHTTPClient
import DICOM
import Foundation
import Volume

/// Frame lists (WADO-RS `…/instances/{uid}/frames/1,2,3`): the frames of one multi-frame instance in one
/// `multipart/related` response, one part per frame in the order asked, each written as its part completes.
extension DICOMwebLoader {
    /// Frames asked for in one request at most (keeps the URL short).
    static let framesPerList = 256

    /// Delivers `frames` of `image` by frame lists. After a body that broke off, only the frames still missing are
    /// asked for again (a shorter list); what a list cannot bring (refused, compressed without a decoder, a list
    /// that brought nothing) is asked for one frame at a time, which retries and names its own error.
    func retrieveFrames(_ image: DICOMwebID, _ frames: [(frame: Int, position: Int)], slices: [SliceMetadata],
                        concurrency: Int, deliver: OnceDelivery) async {
        var missing = frames
        if let uid = image.instanceUID, let description = try? await pixelDescription(image, instanceUID: uid) {
            while !missing.isEmpty, !Task.isCancelled {
                let list = Array(missing.prefix(Self.framesPerList))
                let delivered = LockedValue(Set<Int>())
                counters.withLock { $0.frameListRequests += 1 }
                let url = image.url + "/frames/" + list.map { String($0.frame) }.joined(separator: ",")
                do {
                    try await client.get(url, accept: frameAccept, resource: image.id) { response in
                        try await self.readFrames(response, from: url, list, of: image, description: description, slices: slices,
                                                  delivered: delivered, deliver: deliver)
                    }
                } catch {
                    if Task.isCancelled { return }
                }
                let done = delivered.withLock { $0 }
                missing.removeAll { done.contains($0.frame) }
                if done.isEmpty { break }
            }
        }
        if Task.isCancelled { return }
        await oneByOne(missing.map(\.position), of: slices, concurrency: concurrency, deliver: deliver)
    }

    private func readFrames(_ response: HTTPClientResponse, from url: String, _ list: [(frame: Int, position: Int)], of image: DICOMwebID,
                            description: PixelDescription, slices: [SliceMetadata], delivered: LockedValue<Set<Int>>,
                            deliver: OnceDelivery) async throws {
        let contentType = MediaType(response.headers.first(name: "Content-Type") ?? "")
        let responseSyntax = contentType.parameters["transfer-syntax"]
            ?? contentType.parameters["type"].flatMap { MediaType($0).parameters["transfer-syntax"] }
        let limit = DICOMwebRetrieval.frameLimit(description.storedBytesPerFrame)
        _ = try await forEachPart(of: response, from: url, resource: image.id, partLimit: limit) { [self] k, headers, data in
            guard let data, k < list.count else { return false }
            let (frame, position) = list[k]
            let syntax = headers["content-type"].flatMap { MediaType($0).parameters["transfer-syntax"] } ?? responseSyntax
            let uid = syntax.map { String($0.prefix { $0 != " " }) }.flatMap { $0 == "*" ? nil : $0 }
                ?? TransferSyntax.explicitVRLittleEndian.uid
            let label = "\(slices[position].imageID) frame \(frame)"
            guard let payload = try? framePayload(data.bytes(), syntax: uid, description: description,
                                                  frame: frame - 1, slice: slices[position], label: label) else { return false }
            delivered.withLock { _ = $0.insert(frame) }
            await deliver(position, .success(payload))
            counters.withLock { $0.framesFromFrameLists += 1 }
            return true
        }
    }
}
#endif
