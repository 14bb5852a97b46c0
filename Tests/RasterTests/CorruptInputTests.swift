import Foundation
import Raster
import XCTest

/// Random damage and forged headers must end in a RasterError or a valid frame, never a crash.
final class CorruptInputTests: XCTestCase {
    private struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    private func damaged(_ data: Data, _ generator: inout Generator) -> Data {
        var copy = data
        for _ in 0..<(1 + generator.next(4)) {
            let offset = copy.startIndex + generator.next(copy.count)
            copy[offset] = UInt8(generator.next(256))
        }
        return copy
    }

    func testRandomlyDamagedPNGsNeverCrash() throws {
        let original = try PNGCodec.encode(Fixtures.colorGradient(width: 24, height: 24))
        var generator = Generator(state: 42)
        var errors = 0
        for _ in 0..<300 {
            do {
                let frame = try PNGCodec.decode(damaged(original, &generator), name: "fuzz.png")
                XCTAssertEqual(frame.samples8.count, frame.width * frame.height * frame.format.channels)
            } catch {
                errors += 1
            }
        }
        XCTAssertGreaterThan(errors, 100)   // most damage must be detected (CRCs, zlib checks)
    }

    func testRandomlyDamagedJPEGsNeverCrash() throws {
        let original = try JPEGCodec.encode(Fixtures.colorGradient(width: 24, height: 24), quality: 90)
        var generator = Generator(state: 7)
        var errors = 0
        for _ in 0..<300 {
            do {
                let frame = try JPEGCodec.decode(damaged(original, &generator), name: "fuzz.jpg")
                XCTAssertEqual(frame.samples8.count, frame.width * frame.height * frame.format.channels)
            } catch {
                errors += 1
            }
        }
        XCTAssertGreaterThan(errors, 10)
    }

    func testForgedHugePNGHeaderIsRefusedBeforeAllocating() throws {
        var data = try PNGCodec.encode(Fixtures.grayGradient(width: 4, height: 4))
        let ihdr = data.startIndex + 12          // chunk type, then width and height (big-endian)
        for (i, byte) in [UInt8](arrayLiteral: 0x00, 0x0F, 0x42, 0x40, 0x00, 0x0F, 0x42, 0x40).enumerated() {
            data[ihdr + 4 + i] = byte            // 1,000,000 × 1,000,000
        }
        let crc = crc32(data[ihdr..<ihdr + 17])
        for i in 0..<4 { data[ihdr + 17 + i] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * UInt32(i))) }
        XCTAssertThrowsError(try PNGCodec.decode(data, name: "huge.png")) { error in
            XCTAssertEqual(error as? RasterError, .tooLarge(name: "huge.png", width: 1_000_000, height: 1_000_000))
        }
    }

    /// PNG's CRC-32 (ISO 3309), bit by bit; only used on a 17-byte chunk here.
    private func crc32(_ bytes: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
