import CZlib
import Foundation
import Raster
import XCTest

/// The direct (libdeflate) PNG decoder against the pixels a file was made from and against libpng on the same bytes,
/// for every colour type and row filter it takes; every other file goes to libpng.
final class PNGDirectDecoderTests: XCTestCase {
    func testEveryColourTypeAndFilterDecodesToTheSourcePixelsAsLibpngDoes() throws {
        for (colour, channels) in [(0, 1), (4, 2), (2, 3), (6, 4)] {
            for filter in 0...5 {   // 5: a different filter on each row
                let (width, height) = (37, 23)
                let samples = (0..<width * height * channels).map { UInt8(truncatingIfNeeded: ($0 * 7919) >> 3 ^ $0) }
                let png = Self.png(width: width, height: height, colour: colour, samples: samples, filter: filter, idatSize: 97)
                let direct = try XCTUnwrap(png.withUnsafeBytes { PNGDirectDecoder.decode($0) }, "colour \(colour) filter \(filter)")
                let libpng = try png.withUnsafeBytes { PNGCodec.decodeWithLibpng($0, name: "t.png") }.get()
                XCTAssertEqual(direct, libpng, "colour \(colour) filter \(filter)")
                XCTAssertEqual(direct, try Self.frame(width: width, height: height, channels: channels, samples: samples))
            }
        }
    }

    func testWhatItDoesNotTakeIsLibpngsToDecodeOrRefuse() throws {
        let samples = [UInt8](repeating: 90, count: 8 * 8 * 4)
        let plain = Self.png(width: 8, height: 8, colour: 6, samples: samples, filter: 0)
        let gamma = Self.png(width: 8, height: 8, colour: 6, samples: samples, filter: 0, before: [("gAMA", Data([0, 0, 0x86, 0xA0]))])
        var badCRC = plain
        badCRC[badCRC.count - 13] ^= 1   // the last byte of the IDAT CRC
        let short = Self.png(width: 8, height: 8, colour: 6, samples: samples, filter: 0, declaredHeight: 9)   // a row missing
        let interlaced = Self.png(width: 8, height: 8, colour: 6, samples: samples, filter: 0, interlace: 1)
        for (name, png) in [("gamma", gamma), ("bad CRC", badCRC), ("short", short), ("interlaced", interlaced)] {
            XCTAssertNil(png.withUnsafeBytes { PNGDirectDecoder.decode($0) }, name)
        }
        XCTAssertEqual(try PNGCodec.decode(gamma, name: "gamma.png").format, .rgba8)   // libpng gamma-encodes it
        for (name, png) in [("badcrc.png", badCRC), ("short.png", short)] {
            XCTAssertThrowsError(try PNGCodec.decode(png, name: name)) { error in
                guard case .corrupt(let file, _)? = error as? RasterError else { return XCTFail("\(name): \(error)") }
                XCTAssertEqual(file, name)
            }
        }
    }

    /// The frame a decoder must give: gray as gray8, the others as rgba8 (gray replicated, alpha 255 when absent).
    private static func frame(width: Int, height: Int, channels: Int, samples: [UInt8]) throws -> Frame {
        if channels == 1 { return try Frame(width: width, height: height, gray8: samples) }
        let rgba = (0..<width * height).flatMap { p -> [UInt8] in
            let s = Array(samples[p * channels..<(p + 1) * channels])
            switch channels {
            case 2: return [s[0], s[0], s[0], s[1]]
            case 3: return s + [255]
            default: return s
            }
        }
        return try Frame(width: width, height: height, rgba8: rgba)
    }

    /// An 8-bit PNG written here (zlib's compress2, row filters applied by hand), its image data split into IDAT
    /// chunks of `idatSize` bytes; `filter` 0…4 on every row, 5 for row % 5; `before` chunks go before IDAT.
    /// `declaredHeight` and `interlace` go into IHDR as they are.
    private static func png(width: Int, height: Int, colour: Int, samples: [UInt8], filter: Int, idatSize: Int = 1 << 20,
                            before: [(String, Data)] = [], declaredHeight: Int? = nil, interlace: UInt8 = 0) -> Data {
        let bpp = [0: 1, 4: 2, 2: 3, 6: 4][colour]!, length = width * bpp
        var raw: [UInt8] = []
        for row in 0..<height {
            let type = filter == 5 ? row % 5 : filter
            raw.append(UInt8(type))
            for i in 0..<length {
                func at(_ r: Int, _ i: Int) -> Int { r < 0 || i < 0 || r * length + i >= samples.count ? 0 : Int(samples[r * length + i]) }
                let (x, a, b, c) = (at(row, i), at(row, i - bpp), at(row - 1, i), at(row - 1, i - bpp))
                let p = a + b - c, (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
                let predictor = [0, a, b, (a + b) / 2, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][type]
                raw.append(UInt8(truncatingIfNeeded: x - predictor))
            }
        }
        var size = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(size))
        _ = compress2(&compressed, &size, raw, uLong(raw.count), 6)
        compressed.removeLast(compressed.count - Int(size))
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data()
        for v in [width, declaredHeight ?? height] { header.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) }) }
        header.append(contentsOf: [8, UInt8(colour), 0, 0, interlace])
        chunk("IHDR", header, to: &png)
        for (type, body) in before { chunk(type, body, to: &png) }
        for start in stride(from: 0, to: compressed.count, by: idatSize) {
            chunk("IDAT", Data(compressed[start..<min(compressed.count, start + idatSize)]), to: &png)
        }
        chunk("IEND", Data(), to: &png)
        return png
    }

    private static func chunk(_ type: String, _ body: Data, to png: inout Data) {
        let typed = Data(type.utf8) + body
        let crc = typed.withUnsafeBytes { UInt32(crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count))) }
        png.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: UInt32(body.count) >> $0) })
        png.append(typed)
        png.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> $0) })
    }
}
