/// Decodes native (uncompressed) pixel data: masks unused high bits, sign-extends, swaps big-endian samples,
/// unpacks 1-bit data and converts planar configuration 1 to interleaved samples.
public enum NativePixelDecoder {
    /// Decodes frame `index` from `source` (all frames' bytes, in `bigEndian` order if set) into `destination`,
    /// which must hold `description.decodedBytesPerFrame` bytes. Sizes must have been checked by the caller.
    public static func decodeFrame(_ index: Int, of description: PixelDescription, from source: UnsafeRawBufferPointer,
                            bigEndian: Bool, into destination: UnsafeMutableRawBufferPointer) {
        let d = description
        switch d.bitsAllocated {
        case 1:
            unpackBits(frame: index, of: d, from: source, into: destination)
        case 8 where d.isSubsampled422:
            expand422(frame: index, of: d, from: source, into: destination)
        case 8:
            decode(UInt8.self, frame: index, of: d, from: source, bigEndian: false, into: destination)
        case 16:
            decode(UInt16.self, frame: index, of: d, from: source, bigEndian: bigEndian, into: destination)
        case 32:
            decode(UInt32.self, frame: index, of: d, from: source, bigEndian: bigEndian, into: destination)
        default:
            decode(UInt64.self, frame: index, of: d, from: source, bigEndian: bigEndian, into: destination)
        }
    }

    /// True when a frame's stored bytes are exactly its decoded bytes in little-endian order (so they can be
    /// read straight into the destination): 8, 16, 32 or 64 bits with nothing to mask, one sample per pixel or
    /// interleaved samples, not 4:2:2.
    static func storedBytesAreDecoded(_ d: PixelDescription) -> Bool {
        guard d.bitsAllocated >= 8, !d.isSubsampled422 else { return false }
        let needsMask = !d.isFloat && d.bitsStored < d.bitsAllocated
        let planar = d.planarConfiguration == 1 && d.samplesPerPixel > 1
        return !needsMask && !planar && d.storedBytesPerFrame == d.decodedBytesPerFrame
    }

    /// True when a frame's stored bytes need only masking (and sign extension) to become its decoded bytes, and
    /// `buffer` is aligned for the samples: then the frame can be read straight into `buffer` and finished there
    /// with `maskInPlace`, without a second buffer.
    static func canMaskInPlace(_ d: PixelDescription, _ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard [8, 16, 32].contains(d.bitsAllocated), !d.isFloat, !d.isSubsampled422, d.bitsStored < d.bitsAllocated,
              d.planarConfiguration == 0 || d.samplesPerPixel == 1, let base = buffer.baseAddress else { return false }
        return Int(bitPattern: base) % (d.bitsAllocated / 8) == 0 && buffer.count >= d.decodedBytesPerFrame
    }

    /// Masks and sign-extends one frame of stored samples in place (see `canMaskInPlace`).
    static func maskInPlace(_ buffer: UnsafeMutableRawBufferPointer, _ d: PixelDescription) {
        switch d.bitsAllocated {
        case 8: mask(UInt8.self, buffer, d)
        case 16: mask(UInt16.self, buffer, d)
        default: mask(UInt32.self, buffer, d)
        }
    }

    private static func mask<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type, _ buffer: UnsafeMutableRawBufferPointer,
                                                                  _ d: PixelDescription) {
        let shift = T(truncatingIfNeeded: d.highBit + 1 - d.bitsStored)
        let mask: T = T.max >> T(truncatingIfNeeded: T.bitWidth - d.bitsStored)
        let signBit: T = 1 << T(truncatingIfNeeded: d.bitsStored - 1)
        let samples = UnsafeMutableBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: T.self),
                                                 count: d.samplesPerFrame)
        if d.pixelRepresentation == 1 {
            for n in samples.indices { samples[n] = (((samples[n] >> shift) & mask) ^ signBit) &- signBit }
        } else {
            for n in samples.indices { samples[n] = (samples[n] >> shift) & mask }
        }
    }

    private static func decode<T: FixedWidthInteger & UnsignedInteger>(
        _ type: T.Type, frame index: Int, of d: PixelDescription, from source: UnsafeRawBufferPointer,
        bigEndian: Bool, into destination: UnsafeMutableRawBufferPointer
    ) {
        let size = MemoryLayout<T>.size
        let frameStart = index * d.storedBytesPerFrame
        let samples = d.samplesPerFrame
        let needsMask = !d.isFloat && d.bitsStored < d.bitsAllocated
        let planar = d.planarConfiguration == 1 && d.samplesPerPixel > 1
        if !needsMask, !planar, !bigEndian {
            destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[frameStart..<(frameStart + samples * size)]))
            return
        }
        let shift = T(truncatingIfNeeded: d.highBit + 1 - d.bitsStored)
        let mask: T = T.max >> T(truncatingIfNeeded: T.bitWidth - d.bitsStored)
        let signBit: T = 1 << T(truncatingIfNeeded: d.bitsStored - 1)
        let signed = d.pixelRepresentation == 1
        if needsMask, !planar, !bigEndian, let input = source.baseAddress.map({ $0 + frameStart }),
           let output = destination.baseAddress,
           Int(bitPattern: input) % MemoryLayout<T>.alignment == 0,
           Int(bitPattern: output) % MemoryLayout<T>.alignment == 0 {
            // The common case (e.g. 12 of 16 bits stored): one pass over aligned samples that the compiler
            // vectorises. Sign extension without a branch: for v < 2^bits, (v ^ signBit) - signBit (wrapping)
            // is v when the sign bit is clear and v | ~mask when it is set.
            let from = UnsafeBufferPointer(start: input.assumingMemoryBound(to: T.self), count: samples)
            let to = UnsafeMutableBufferPointer(start: output.assumingMemoryBound(to: T.self), count: samples)
            if signed {
                for n in 0..<samples { to[n] = (((from[n] >> shift) & mask) ^ signBit) &- signBit }
            } else {
                for n in 0..<samples { to[n] = (from[n] >> shift) & mask }
            }
            return
        }
        let pixels = d.rows * d.columns
        let spp = d.samplesPerPixel
        for sample in 0..<samples {
            var value = source.loadUnaligned(fromByteOffset: frameStart + sample * size, as: T.self)
            if bigEndian { value = value.byteSwapped }
            if needsMask {
                value = (value >> shift) & mask
                if signed, value & signBit != 0 { value |= ~mask }
            }
            let target = planar ? (sample % pixels) * spp + sample / pixels : sample
            destination.storeBytes(of: value, toByteOffset: target * size, as: T.self)
        }
    }

    /// Expands 8-bit 4:2:2 (Y1 Y2 Cb Cr per pixel pair) to Y Cb Cr per pixel, as pydicom does (no colour conversion).
    private static func expand422(frame index: Int, of d: PixelDescription, from source: UnsafeRawBufferPointer,
                                  into destination: UnsafeMutableRawBufferPointer) {
        let frameStart = index * d.storedBytesPerFrame
        for pair in 0..<(d.rows * d.columns / 2) {
            let input = frameStart + pair * 4
            let output = pair * 6
            let (y1, y2, cb, cr) = (source[input], source[input + 1], source[input + 2], source[input + 3])
            destination[output] = y1
            destination[output + 1] = cb
            destination[output + 2] = cr
            destination[output + 3] = y2
            destination[output + 4] = cb
            destination[output + 5] = cr
        }
    }

    private static func unpackBits(frame index: Int, of d: PixelDescription, from source: UnsafeRawBufferPointer,
                                   into destination: UnsafeMutableRawBufferPointer) {
        let firstBit = index * d.samplesPerFrame
        for sample in 0..<d.samplesPerFrame {
            let bit = firstBit + sample
            destination[sample] = (source[bit / 8] >> UInt8(bit % 8)) & 1
        }
    }
}
