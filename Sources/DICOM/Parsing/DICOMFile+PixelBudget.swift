import Foundation

/// The memory check that comes before decoding: a header cannot make a decoder allocate what the file
/// does not back.
extension DICOMFile {
    /// Checks, before anything is allocated, that decoding `frames` frames (all when nil) stays within
    /// `limits.effectiveMaxDecodedBytes`, and that native pixel data holds the bytes every frame needs
    /// (so the output buffer is never allocated for pixels that are not there). Returns the validated
    /// pixel description.
    ///
    /// `decodePixels()` and `decodeFrame(_:)` call this (and check each encapsulated frame's own header) before
    /// they allocate; call it yourself before allocating a buffer for `decodeFrame(_:into:)`, or to refuse a file
    /// early. Throws `pixelDataTooLarge` or `pixelDataTooShort` with the numbers involved.
    @discardableResult
    public func checkPixelBudget(frames: Int? = nil) throws(DICOMError) -> PixelDescription {
        let d = try pixelDescription()
        let count = frames ?? d.numberOfFrames
        let limit = limits.effectiveMaxDecodedBytes
        let total = d.decodedBytesPerFrame.multipliedReportingOverflow(by: max(0, count))
        guard !total.overflow, total.partialValue <= limit else {
            throw .pixelDataTooLarge(name: name, frames: count, bytesPerFrame: d.decodedBytesPerFrame, limit: limit)
        }
        // Refuse here what decoding would refuse only after allocating the output: no pixel data element, or an
        // encapsulated syntax without a decoder (found by fuzzing: 307 bytes claiming 3.2 GB, unknown syntax).
        guard let element = dataSet[d.pixelDataTag] else { throw .noPixelData(name: name) }
        if try frameDecoder() != nil { return d }
        let available: Int
        switch element.value {
        case .bytes(let data): available = data.count
        case .notLoaded(_, let length): available = length
        case .encapsulated: return d
        case .sequence: throw .noPixelData(name: name)
        }
        // Deflated files record offsets into the inflated stream; `available` is still what the header was given.
        guard available >= d.storedBytesForAllFrames else {
            throw .pixelDataTooShort(name: name, frames: d.numberOfFrames, bytesPerFrame: d.storedBytesPerFrame,
                                     needed: d.storedBytesForAllFrames, available: available)
        }
        return d
    }
}
