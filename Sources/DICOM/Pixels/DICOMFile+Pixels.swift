import Foundation

/// Pixel access: validated description, whole-image and per-frame decoding, and decoding into caller buffers.
extension DICOMFile {
    /// The validated pixel layout of this image.
    public func pixelDescription() throws(DICOMError) -> PixelDescription {
        try pixelLayout.get()
    }

    /// Bytes one decoded frame occupies (what `decodeFrame(_:into:)` needs).
    public func frameByteCount() throws(DICOMError) -> Int {
        try pixelDescription().decodedBytesPerFrame
    }

    /// The rescale for frame `index` (per-frame functional groups, shared groups or top level).
    public func rescale(forFrame index: Int) -> Rescale { Rescale(dataSet: dataSet, frame: index) }

    /// Decodes every frame into stored-type samples (no rescale applied).
    public func decodePixels() throws(DICOMError) -> DecodedPixels {
        let description = try pixelDescription()
        return try decode(description, frames: 0..<description.numberOfFrames)
    }

    /// Decodes one frame into stored-type samples (no rescale applied).
    public func decodeFrame(_ index: Int) throws(DICOMError) -> DecodedPixels {
        let description = try pixelDescription()
        try checkFrame(index, description)
        return try decode(description, frames: index..<(index + 1))
    }

    /// Decodes one frame straight into `buffer` (at least `frameByteCount()` bytes) as stored-type samples,
    /// interleaved, in native byte order: for streaming slices into a volume without intermediate copies.
    public func decodeFrame(_ index: Int, into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        let description = try pixelDescription()
        try checkFrame(index, description)
        guard buffer.count >= description.decodedBytesPerFrame else {
            throw .bufferTooSmall(needed: description.decodedBytesPerFrame, available: buffer.count)
        }
        try decodeFrames(description, index..<(index + 1),
                         into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<description.decodedBytesPerFrame]))
    }

    /// The decoder for this file's encapsulated pixel data, or nil for native pixel data.
    /// Throws when the transfer syntax is encapsulated but no decoder is registered for it.
    public func frameDecoder() throws(DICOMError) -> (any FrameDecoder)? {
        guard transferSyntax.isEncapsulated else { return nil }
        guard let decoder = FrameDecoders.decoder(for: transferSyntax) else {
            throw .unsupportedTransferSyntax(uid: transferSyntax.uid, name: transferSyntax.name)
        }
        return decoder
    }

    /// Decodes `frames` back to back into `raw` (`frames.count` × `decodedBytesPerFrame` bytes): native pixel data
    /// through `NativePixelDecoder`, encapsulated pixel data frame by frame through the registered `FrameDecoder`.
    private func decodeFrames(_ d: PixelDescription, _ frames: Range<Int>,
                              into raw: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        if let decoder = try frameDecoder() {
            try forEachEncapsulatedFrame(frames) { (frame, data) throws(DICOMError) in
                let start = (frame - frames.lowerBound) * d.decodedBytesPerFrame
                let slot = UnsafeMutableRawBufferPointer(rebasing: raw[start..<(start + d.decodedBytesPerFrame)])
                try decoder.decode(data, description: d, frameIndex: frame, fileName: name, into: slot)
            }
            return
        }
        if frames.count == 1, try readStoredFrame(d, frames.lowerBound, into: raw) { return }
        try withPixelBytes(d) { (source, bigEndian) throws(DICOMError) in
            for (position, frame) in frames.enumerated() {
                let start = position * d.decodedBytesPerFrame
                let slot = UnsafeMutableRawBufferPointer(rebasing: raw[start..<(start + d.decodedBytesPerFrame)])
                NativePixelDecoder.decodeFrame(frame, of: d, from: source, bigEndian: bigEndian, into: slot)
            }
        }
    }

    /// The pixel fetch of a metadata-only read from a file or a pixel source: reads frame `index` in one read,
    /// straight into `slot` when the stored bytes are already the decoded bytes (native little-endian, no masking,
    /// interleaved) or need only masking (done in place), else into a frame-sized buffer decoded into `slot`.
    /// Returns false (nothing done) where this does not apply: pixels held in memory, big-endian or deflated input,
    /// 1-bit data (frames not byte-aligned).
    private func readStoredFrame(_ d: PixelDescription, _ index: Int,
                                 into slot: UnsafeMutableRawBufferPointer) throws(DICOMError) -> Bool {
        guard readsStoredPixels, !transferSyntax.isEncapsulated, !transferSyntax.isDeflated,
              !transferSyntax.isBigEndian, d.bitsAllocated >= 8,
              let element = dataSet[d.pixelDataTag], case .notLoaded(let offset, let length) = element.value else {
            return false
        }
        let needed = d.storedBytesForAllFrames
        guard length >= needed else {
            throw .pixelDataTooShort(name: name, frames: d.numberOfFrames, bytesPerFrame: d.storedBytesPerFrame,
                                     needed: needed, available: length)
        }
        let frameBytes = d.storedBytesPerFrame
        let frameOffset = offset + index * frameBytes
        if NativePixelDecoder.storedBytesAreDecoded(d) {
            try readStored(into: UnsafeMutableRawBufferPointer(rebasing: slot[0..<frameBytes]), at: frameOffset)
            return true
        }
        if NativePixelDecoder.canMaskInPlace(d, slot) {
            try readStored(into: UnsafeMutableRawBufferPointer(rebasing: slot[0..<frameBytes]), at: frameOffset)
            NativePixelDecoder.maskInPlace(slot, d)
            return true
        }
        let buffer = SharedBytes(capacity: frameBytes)
        try readStored(into: UnsafeMutableRawBufferPointer(start: buffer.base, count: frameBytes), at: frameOffset)
        buffer.count = frameBytes
        NativePixelDecoder.decodeFrame(0, of: d, from: buffer.bytes, bigEndian: false, into: slot)
        return true
    }

    private func checkFrame(_ index: Int, _ description: PixelDescription) throws(DICOMError) {
        guard (0..<description.numberOfFrames).contains(index) else {
            throw .frameIndexOutOfRange(name: name, index: index, frames: description.numberOfFrames)
        }
    }

    private func decode(_ d: PixelDescription, frames: Range<Int>) throws(DICOMError) -> DecodedPixels {
        // Refuse what the header claims beyond the memory budget or the bytes present, before allocating for it;
        // and for encapsulated data, frames whose own headers do not describe the declared image (fuzzing: a
        // mutated 307-byte file under an encapsulated syntax allocated 3.2 GB before its codec refused it).
        _ = try checkPixelBudget(frames: frames.count)
        if let decoder = try frameDecoder() {
            try forEachEncapsulatedFrame(frames) { (frame, data) throws(DICOMError) in
                try decoder.checkHeader(data, description: d, frameIndex: frame, fileName: name)
            }
        }
        let count = d.samplesPerFrame * frames.count
        let signed = d.pixelRepresentation == 1
        let storage: PixelStorage
        switch (d.bitsAllocated, signed, d.isFloat) {
        case (1, _, _), (8, false, _): storage = .uint8(try fill(UInt8.self, count, d, frames))
        case (8, true, _): storage = .int8(try fill(Int8.self, count, d, frames))
        case (16, false, _): storage = .uint16(try fill(UInt16.self, count, d, frames))
        case (16, true, _): storage = .int16(try fill(Int16.self, count, d, frames))
        case (32, _, true): storage = .float32(try fill(Float.self, count, d, frames))
        case (32, false, _): storage = .uint32(try fill(UInt32.self, count, d, frames))
        case (32, true, _): storage = .int32(try fill(Int32.self, count, d, frames))
        default: storage = .float64(try fill(Double.self, count, d, frames))
        }
        return DecodedPixels(description: d, storage: storage, frames: frames.count)
    }

    private func fill<T: BitwiseCopyable>(_ type: T.Type, _ count: Int, _ d: PixelDescription,
                                          _ frames: Range<Int>) throws(DICOMError) -> [T] {
        var failure: DICOMError?
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            do throws(DICOMError) {
                try decodeFrames(d, frames, into: raw)
                initialized = count
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return values
    }

    /// Calls `body` with all native pixel bytes (checked to hold every frame) and whether they are big-endian.
    private func withPixelBytes(_ d: PixelDescription,
                                _ body: (UnsafeRawBufferPointer, Bool) throws(DICOMError) -> Void) throws(DICOMError) {
        if transferSyntax.isEncapsulated {
            throw .unsupportedTransferSyntax(uid: transferSyntax.uid, name: transferSyntax.name)
        }
        guard let element = dataSet[d.pixelDataTag] else { throw .noPixelData(name: name) }
        let bytes: Data
        let bigEndian: Bool
        switch element.value {
        case .bytes(let data):
            (bytes, bigEndian) = (data, false)
        case .notLoaded(let offset, let length):
            // Big-endian bytes are normalised exactly as a full read does (same swap unit, e.g. pairs for 8-bit OW).
            var fetched = try fetch(offset: offset, length: length)
            if transferSyntax.isBigEndian {
                let unit = PixelByteOrder.swapUnit(tag: element.tag, vr: element.vr, bitsAllocated: d.bitsAllocated)
                fetched = BinaryValues.swapped(Data(fetched), unit: unit)
            }
            (bytes, bigEndian) = (fetched, false)
        case .encapsulated:
            throw .unsupportedTransferSyntax(uid: transferSyntax.uid, name: transferSyntax.name)
        case .sequence:
            throw .noPixelData(name: name)
        }
        let needed = d.storedBytesForAllFrames
        guard bytes.count >= needed else {
            throw .pixelDataTooShort(name: name, frames: d.numberOfFrames, bytesPerFrame: d.storedBytesPerFrame,
                                     needed: needed, available: bytes.count)
        }
        let result: Result<Void, DICOMError> = bytes.withUnsafeBytes { raw in
            Result { () throws(DICOMError) in try body(raw, bigEndian) }
        }
        try result.get()
    }

    /// The bytes at `offset..<offset+length` of the input (kept bytes, the pixel source, or the file read again).
    private func fetch(offset: Int, length: Int) throws(DICOMError) -> Data {
        // In a deflated file the offsets refer to the inflated stream: inflate the file again, whole.
        if transferSyntax.isDeflated, readsStoredPixels {
            let full: DICOMFile
            if let url {
                full = try DICOMFile.read(contentsOf: url, mode: .full)
            } else if let pixelSource {
                full = try DICOMFile.parse(try readStoredData(at: 0, length: pixelSource.count), mode: .full,
                                           limits: limits, name: name)
            } else {
                throw .pixelDataNotLoaded(name: name)
            }
            guard let element = full.dataSet.elements.first(where: { $0.tag.isPixelData }),
                  case .bytes(let data) = element.value else { throw .noPixelData(name: name) }
            return data
        }
        if let source {
            guard offset >= 0, length >= 0, offset <= source.count - length else {
                throw .pixelDataNotLoaded(name: name)
            }
            let start = source.startIndex + offset
            return source[start..<(start + length)]
        }
        return try readStoredData(at: offset, length: length)
    }
}
