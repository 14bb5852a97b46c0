import Foundation

/// RLE Lossless (1.2.840.10008.1.2.5), PS3.5 Annex G: a 64-byte header (segment count and up to 15 segment
/// offsets, little-endian), then one PackBits segment per byte plane: for each sample, its bytes most significant
/// first. Every read and write is bounds-checked; each segment must decode to exactly Rows × Columns bytes
/// (extra trailing output from encoders that pad is ignored, as pydicom does).
struct RLEDecoder: FrameDecoder {
    var codecName: String { "RLE Lossless" }

    func checkHeader(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int,
                     fileName: String) throws(DICOMError) {
        let result = fragmentData.withUnsafeBytes { segmentOffsets($0, d, frameIndex, fileName) }
        _ = try result.get()
    }

    /// The segment boundaries of a frame (one past the last is the data's end), checked against the data set: the
    /// segment count, offsets within the data and in order, and each segment long enough to fill its byte plane
    /// (PackBits expands at most 64-fold: a 2-byte replicate run gives 128 bytes).
    private func segmentOffsets(_ source: UnsafeRawBufferPointer, _ d: PixelDescription, _ frameIndex: Int,
                                _ fileName: String) -> Result<[Int], DICOMError> {
        let corrupt = { (reason: String) -> DICOMError in
            .corruptFrame(name: fileName, frame: frameIndex, codec: codecName, reason: reason)
        }
        let expectedSegments = d.samplesPerPixel * (d.bitsAllocated / 8)
        guard source.count >= 64 else {
            return .failure(corrupt("\(source.count) bytes, shorter than the 64-byte RLE header"))
        }
        guard expectedSegments <= 15 else {  // the header has room for 15 offsets
            return .failure(.unsupportedCodecFeature(
                name: fileName, frame: frameIndex, codec: codecName,
                feature: "\(expectedSegments) byte planes (\(FrameOutput.describe(d))); RLE holds at most 15"))
        }
        let segments = Int(source.loadUnaligned(fromByteOffset: 0, as: UInt32.self).littleEndian)
        guard segments == expectedSegments else {
            return .failure(.decodedSizeMismatch(
                name: fileName, frame: frameIndex, codec: codecName,
                expected: "\(expectedSegments) segments (\(FrameOutput.describe(d)))", actual: "\(segments) segments"))
        }
        var offsets = [Int]()
        for index in 0..<segments {
            offsets.append(Int(source.loadUnaligned(fromByteOffset: 4 + 4 * index, as: UInt32.self).littleEndian))
        }
        offsets.append(source.count)
        let pixels = d.rows * d.columns
        for index in 0..<segments {
            guard offsets[index] >= 64, offsets[index] <= offsets[index + 1] else {
                return .failure(corrupt("segment \(index) offset \(offsets[index]) is outside 64...\(offsets[index + 1])"))
            }
            let length = offsets[index + 1] - offsets[index]
            guard length >= (pixels + 63) / 64 else {
                // As in decoding: a segment bounded by the next describes a smaller image; the last one is cut off.
                let reason = "segment \(index) has \(length) bytes, which decode to at most \(64 * length) of the \(pixels) needed"
                if index + 1 < segments {
                    return .failure(.decodedSizeMismatch(name: fileName, frame: frameIndex, codec: codecName,
                                                         expected: FrameOutput.describe(d), actual: reason))
                }
                return .failure(corrupt(reason + "; the frame is truncated"))
            }
        }
        return .success(offsets)
    }

    func decode(_ fragmentData: Data, description d: PixelDescription, frameIndex: Int, fileName: String,
                into buffer: UnsafeMutableRawBufferPointer) throws(DICOMError) {
        try FrameOutput.checkBuffer(buffer, d, codec: codecName, frame: frameIndex, name: fileName,
                                    bitsAllocated: [8, 16, 32])
        let corrupt = { (reason: String) -> DICOMError in
            .corruptFrame(name: fileName, frame: frameIndex, codec: codecName, reason: reason)
        }
        let bytesPerSample = d.bitsAllocated / 8
        let pixels = d.rows * d.columns
        let result: Result<Void, DICOMError> = fragmentData.withUnsafeBytes { source in
            let offsets: [Int]
            switch segmentOffsets(source, d, frameIndex, fileName) {
            case .success(let found): offsets = found
            case .failure(let error): return .failure(error)
            }
            let segments = offsets.count - 1
            let output = buffer.baseAddress!
            for segment in 0..<segments {
                let sample = segment / bytesPerSample
                let byte = segment % bytesPerSample  // 0 = most significant
                // Native little-endian: the most significant byte is the last of the sample.
                let firstByte = sample * bytesPerSample + (bytesPerSample - 1 - byte)
                let stride = d.samplesPerPixel * bytesPerSample
                let input = UnsafeRawBufferPointer(rebasing: source[offsets[segment]..<offsets[segment + 1]])
                let produced = RLEDecoder.unpack(input, into: output + firstByte, stride: stride, count: pixels)
                guard produced == pixels else {
                    // A segment bounded by the next one is complete: the stream describes a smaller image. The last
                    // segment ends with the data, so a short one there means the frame was cut off.
                    if segment + 1 < segments {
                        return .failure(.decodedSizeMismatch(
                            name: fileName, frame: frameIndex, codec: codecName, expected: FrameOutput.describe(d),
                            actual: "segment \(segment) of \(produced) bytes (\(pixels) needed per segment)"))
                    }
                    return .failure(corrupt("segment \(segment) decodes to \(produced) of \(pixels) bytes; the frame is truncated"))
                }
            }
            return .success(())
        }
        try result.get()
        FrameOutput.normalize(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<d.decodedBytesPerFrame]), d)
    }

    /// PackBits: writes at most `count` bytes, `stride` apart, from `destination`; returns how many were written.
    /// Output beyond `count` (padding some encoders emit) is dropped; a run cut off by the end of input stops.
    static func unpack(_ input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawPointer, stride: Int,
                       count: Int) -> Int {
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let end = input.count
        let out = destination.assumingMemoryBound(to: UInt8.self)
        var position = 0
        var written = 0
        while position < end, written < count {
            let header = Int(Int8(bitPattern: base[position]))
            position += 1
            if header >= 0 {
                let length = min(header + 1, end - position, count - written)
                if stride == 1 {
                    (out + written).update(from: base + position, count: length)
                } else {
                    for i in 0..<length { out[(written + i) * stride] = base[position + i] }
                }
                written += length
                position += header + 1
            } else if header != -128 {
                guard position < end else { break }
                let value = base[position]
                position += 1
                let length = min(1 - header, count - written)
                if stride == 1 {
                    (out + written).update(repeating: value, count: length)
                } else {
                    for i in 0..<length { out[(written + i) * stride] = value }
                }
                written += length
            }
        }
        return written
    }
}
