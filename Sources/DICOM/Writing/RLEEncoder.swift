import Foundation

/// RLE Lossless encoding (PS3.5 Annex G): for writing images compressed (e.g. a phantom as 1.2.840.10008.1.2.5)
/// and for round-trip tests of `RLEDecoder`. Each byte plane (sample by sample, most significant byte first) is
/// one PackBits segment; runs never cross a row, as Annex G.3.1 requires; segments are padded to even length.
public enum RLEEncoder {
    /// Encodes one frame of native little-endian, interleaved samples (`description.storedBytesPerFrame` bytes,
    /// Bits Allocated 8, 16 or 32, Planar Configuration 0) as an RLE fragment.
    public static func encodeFrame(_ frame: Data, description d: PixelDescription) throws(DICOMError) -> Data {
        guard [8, 16, 32].contains(d.bitsAllocated), !d.isFloat, !d.isSubsampled422 else {
            throw .invalidPixelAttribute(tag: .bitsAllocated, value: d.bitsAllocated,
                                         reason: "RLE encoding needs 8, 16 or 32 bits allocated, integer samples, no 4:2:2")
        }
        let bytesPerSample = d.bitsAllocated / 8
        let segments = d.samplesPerPixel * bytesPerSample
        guard segments <= 15 else {
            throw .invalidPixelAttribute(tag: .samplesPerPixel, value: d.samplesPerPixel,
                                         reason: "RLE allows at most 15 segments (samples × bytes per sample)")
        }
        let needed = d.samplesPerFrame * bytesPerSample
        guard frame.count >= needed else {
            throw .pixelDataTooShort(name: "RLE encoder input", frames: 1, bytesPerFrame: needed, needed: needed,
                                     available: frame.count)
        }
        let stride = d.samplesPerPixel * bytesPerSample
        var bodies = [Data]()
        frame.withUnsafeBytes { (source: UnsafeRawBufferPointer) -> Void in
            var plane = [UInt8](repeating: 0, count: d.columns)
            for segment in 0..<segments {
                let sample = segment / bytesPerSample
                let byte = bytesPerSample - 1 - segment % bytesPerSample
                var body = Data()
                for row in 0..<d.rows {
                    for column in 0..<d.columns {
                        plane[column] = source[(row * d.columns + column) * stride + sample * bytesPerSample + byte]
                    }
                    packBits(plane, into: &body)
                }
                if body.count % 2 == 1 { body.append(0x80) }  // no-op code as padding
                bodies.append(body)
            }
        }
        var header = [UInt32](repeating: 0, count: 16)
        header[0] = UInt32(segments)
        var offset = 64
        for (index, body) in bodies.enumerated() {
            header[index + 1] = UInt32(offset)
            offset += body.count
        }
        var output = BinaryValues.encode(header)
        for body in bodies { output.append(body) }
        return output
    }

    /// The data set with its native Pixel Data replaced by one RLE fragment per frame, ready for
    /// `DICOMWriter(transferSyntax: .rleLossless)`.
    public static func encapsulating(_ dataSet: DataSet) throws(DICOMError) -> DataSet {
        let d = try PixelDescription(dataSet: dataSet)
        guard case .bytes(let pixels)? = dataSet[.pixelData]?.value else { throw .noPixelData(name: "RLE encoder input") }
        guard pixels.count >= d.storedBytesForAllFrames else {
            throw .pixelDataTooShort(name: "RLE encoder input", frames: d.numberOfFrames, bytesPerFrame: d.storedBytesPerFrame,
                                     needed: d.storedBytesForAllFrames, available: pixels.count)
        }
        guard d.planarConfiguration == 0 || d.samplesPerPixel == 1 else {
            throw .invalidPixelAttribute(tag: .planarConfiguration, value: 1, reason: "RLE encoding expects interleaved input")
        }
        var fragments = [Data]()
        for frame in 0..<d.numberOfFrames {
            let start = pixels.startIndex + frame * d.storedBytesPerFrame
            fragments.append(try encodeFrame(pixels[start..<(start + d.storedBytesPerFrame)], description: d))
        }
        var result = dataSet
        result.setEncapsulatedPixels(fragments)
        return result
    }

    /// PackBits of one row: runs of 2+ equal bytes as (1 − n, byte), other bytes as (n − 1, bytes…), n ≤ 128.
    static func packBits(_ row: [UInt8], into output: inout Data) {
        var index = 0
        let count = row.count
        while index < count {
            var run = 1
            while index + run < count, run < 128, row[index + run] == row[index] { run += 1 }
            if run >= 2 {
                output.append(UInt8(bitPattern: Int8(1 - run)))
                output.append(row[index])
                index += run
                continue
            }
            var literal = 1
            while index + literal < count, literal < 128,
                  !(index + literal + 1 < count && row[index + literal] == row[index + literal + 1]) {
                literal += 1
            }
            output.append(UInt8(literal - 1))
            output.append(contentsOf: row[index..<(index + literal)])
            index += literal
        }
    }
}
