import CDeflate
import Foundation

/// The fast path of PNG decoding, for the files renders and goldens are: 8-bit gray, gray + alpha, RGB or RGBA, not
/// interlaced, with no chunk before the image data that could change its pixels (only IHDR, sRGB, pHYs, tIME and
/// text chunks). The image data is inflated in one call by libdeflate and unfiltered here.
///
/// By hand because libpng inflates through zlib's streaming inflate and cannot use another inflater: libdeflate's
/// whole-buffer inflate is about three times faster, and inflating was most of the time of `lightbox diff`.
/// Every other file, and any stream this path does not take whole (a bad CRC, image data short or long, a bad
/// filter byte), goes to libpng (`PNGCodec`), so the pixels and the errors are always libpng's.
package enum PNGDirectDecoder {
    /// The frame, or nil when libpng must decide. `bytes` passed `PNGChunks.validate` (chunk lengths fit).
    package static func decode(_ bytes: UnsafeRawBufferPointer) -> Frame? {
        guard let header = Header(bytes) else { return nil }
        let rawCount = header.height * (1 + header.width * header.channels)
        let inflated = withImageData(bytes) { data in
            [UInt8](unsafeUninitializedCapacity: rawCount) { buffer, initialized in
                initialized = inflate(data, into: UnsafeMutableRawBufferPointer(buffer)) ? rawCount : 0
            }
        }
        guard var raw = inflated, raw.count == rawCount, raw.withUnsafeMutableBufferPointer({ unfilter($0, header: header) }) else { return nil }
        return frame(from: raw, header: header)
    }

    /// The IHDR fields of a file this path takes.
    struct Header {
        var width: Int
        var height: Int
        /// Samples per pixel in the file: 1 gray, 2 gray + alpha, 3 RGB, 4 RGBA.
        var channels: Int

        init?(_ bytes: UnsafeRawBufferPointer) {
            let start = PNGChunks.signature.count
            guard bytes.count >= start + 25, bytes.prefix(start).elementsEqual(PNGChunks.signature), PNGDirectDecoder.be32(bytes, start) == 13,
                  PNGDirectDecoder.type(bytes, start) == "IHDR", PNGDirectDecoder.crcMatches(bytes, chunkAt: start, length: 13) else { return nil }
            let width = Int(PNGDirectDecoder.be32(bytes, start + 8)), height = Int(PNGDirectDecoder.be32(bytes, start + 12))
            let (depth, colour) = (bytes[start + 16], bytes[start + 17])
            let (compression, filter, interlace) = (bytes[start + 18], bytes[start + 19], bytes[start + 20])
            let channels: [UInt8: Int] = [0: 1, 4: 2, 2: 3, 6: 4]
            // libpng's own limits (1,000,000 a side) and ours stay libpng's to report.
            guard depth == 8, let c = channels[colour], compression == 0, filter == 0, interlace == 0,
                  (1...1_000_000).contains(width), (1...1_000_000).contains(height), width * height <= DecodeLimits.maxPixels
            else { return nil }
            (self.width, self.height, self.channels) = (width, height, c)
        }
    }

    /// Chunks that may come before IDAT without changing how the pixels decode.
    private static let harmless: Set<String> = ["sRGB", "pHYs", "tIME", "tEXt", "zTXt", "iTXt"]

    /// `body` over the zlib stream of the consecutive IDAT chunks (every CRC checked; joined when there are several),
    /// or nil when a chunk before them is not harmless, there is none, or a CRC is wrong.
    private static func withImageData<R>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R?) -> R? {
        var offset = PNGChunks.signature.count + 25
        var parts: [Range<Int>] = []
        while offset + 12 <= bytes.count {
            let length = Int(be32(bytes, offset)), type = type(bytes, offset)
            guard offset + 12 + length <= bytes.count else { return nil }
            if type == "IDAT" {
                guard crcMatches(bytes, chunkAt: offset, length: length) else { return nil }
                parts.append(offset + 8..<offset + 8 + length)
            } else if !parts.isEmpty {
                break
            } else if !harmless.contains(type) {
                return nil
            }
            offset += 12 + length
        }
        guard let first = parts.first else { return nil }
        if parts.count == 1 { return body(UnsafeRawBufferPointer(rebasing: bytes[first])) }
        var joined: [UInt8] = []
        joined.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { joined.append(contentsOf: bytes[part]) }
        return joined.withUnsafeBytes(body)
    }

    /// Inflates the zlib stream `data` into exactly `out` (a stream short or long fails).
    private static func inflate(_ data: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Bool {
        guard let decompressor = libdeflate_alloc_decompressor() else { return false }
        defer { libdeflate_free_decompressor(decompressor) }
        return libdeflate_zlib_decompress(decompressor, data.baseAddress, data.count, out.baseAddress, out.count, nil) == LIBDEFLATE_SUCCESS
    }

    /// Undoes the row filters in place (each row: a filter byte, then the filtered samples); false on a filter byte
    /// above 4.
    private static func unfilter(_ raw: UnsafeMutableBufferPointer<UInt8>, header: Header) -> Bool {
        let bpp = header.channels, length = header.width * bpp, rowBytes = length + 1
        let zero = UnsafeMutablePointer<UInt8>.allocate(capacity: length)
        zero.initialize(repeating: 0, count: length)
        defer { zero.deallocate() }
        let base = raw.baseAddress!
        for row in 0..<header.height {
            let line = base + row * rowBytes + 1
            let up = row == 0 ? zero : line - rowBytes
            switch line[-1] {
            case 0: break
            case 1: for i in bpp..<length { line[i] &+= line[i - bpp] }
            case 2: for i in 0..<length { line[i] &+= up[i] }
            case 3:
                for i in 0..<bpp { line[i] &+= up[i] >> 1 }
                for i in bpp..<length { line[i] &+= UInt8((UInt16(line[i - bpp]) + UInt16(up[i])) >> 1) }
            case 4:
                for i in 0..<bpp { line[i] &+= up[i] }
                for i in bpp..<length { line[i] &+= paeth(line[i - bpp], up[i], up[i - bpp]) }
            default: return false
            }
        }
        return true
    }

    @inline(__always)
    private static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let (a16, b16, c16) = (Int16(a), Int16(b), Int16(c))
        let pa = abs(b16 - c16), pb = abs(a16 - c16), pc = abs(a16 + b16 - 2 * c16)
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }

    /// The unfiltered rows as a frame: gray as gray8, the others as rgba8 (gray replicated, alpha 255 when absent).
    private static func frame(from raw: [UInt8], header: Header) -> Frame {
        let (width, height, channels) = (header.width, header.height, header.channels)
        let outChannels = channels == 1 ? 1 : 4
        let samples = [UInt8](unsafeUninitializedCapacity: width * height * outChannels) { out, initialized in
            raw.withUnsafeBufferPointer { raw in
                for row in 0..<height {
                    let from = raw.baseAddress! + row * (1 + width * channels) + 1, to = out.baseAddress! + row * width * outChannels
                    switch channels {
                    case 1, 4: to.update(from: from, count: width * channels)
                    case 2:
                        for x in 0..<width {
                            let g = from[2 * x]
                            (to[4 * x], to[4 * x + 1], to[4 * x + 2], to[4 * x + 3]) = (g, g, g, from[2 * x + 1])
                        }
                    default:
                        for x in 0..<width {
                            (to[4 * x], to[4 * x + 1], to[4 * x + 2], to[4 * x + 3]) = (from[3 * x], from[3 * x + 1], from[3 * x + 2], 255)
                        }
                    }
                }
            }
            initialized = width * height * outChannels
        }
        return Frame(unchecked: width, height, channels == 1 ? .gray8 : .rgba8, samples8: samples, samples16: [])
    }

    private static func be32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 << 8 | UInt32(bytes[offset + $1]) }
    }

    private static func type(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset + 4..<offset + 8]), as: UTF8.self)
    }

    /// True when the CRC after the chunk at `offset` (of body `length`) matches its type and body.
    private static func crcMatches(_ bytes: UnsafeRawBufferPointer, chunkAt offset: Int, length: Int) -> Bool {
        let crc = libdeflate_crc32(0, bytes.baseAddress! + offset + 4, 4 + length)
        return crc == be32(bytes, offset + 8 + length)
    }
}
