import CZlib
import Foundation

/// PNG chunks: the structural pre-check of a stream (signature, then chunk lengths walked up to IEND), splitting a
/// stream into chunks and writing one.
/// libpng's simplified reader stops once the pixels are decoded, so a file cut after the
/// image data would otherwise pass; this catches every truncation with a precise message.
enum PNGChunks {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One chunk: its four-letter type and its body (without length and CRC).
    struct Chunk {
        var type: String
        var body: Data
    }

    /// Appends one chunk (length, type, body, CRC-32 of type and body) to `data`.
    static func append(_ type: String, _ body: Data, to data: inout Data) {
        let typeBytes = Data(type.utf8)
        data.append(APNGWriter.be32(UInt32(body.count)))
        data.append(typeBytes)
        data.append(body)
        var crc = typeBytes.withUnsafeBytes { crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
        crc = body.withUnsafeBytes { crc32(crc, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
        data.append(APNGWriter.be32(UInt32(crc)))
    }

    /// The chunks of a validated PNG stream, up to and including IEND.
    static func chunks(of data: Data, name: String) throws(RasterError) -> [Chunk] {
        try validate(data, name: name)
        var chunks: [Chunk] = []
        var offset = data.startIndex + signature.count
        while true {
            let length = data[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: data[offset + 4..<offset + 8], as: UTF8.self)
            chunks.append(Chunk(type: type, body: Data(data[offset + 8..<offset + 8 + length])))
            if type == "IEND" { return chunks }
            offset += 12 + length
        }
    }

    static func validate(_ data: Data, name: String) throws(RasterError) {
        let found: RasterError? = data.withUnsafeBytes { problem(in: $0, name: name) }
        if let found { throw found }
    }

    private static func problem(in bytes: UnsafeRawBufferPointer, name: String) -> RasterError? {
        guard bytes.count >= signature.count, bytes.prefix(signature.count).elementsEqual(signature) else {
            return .notPNG(name: name)
        }
        var offset = signature.count
        var previous = "signature"
        while true {
            guard offset + 8 <= bytes.count else {
                return .truncated(name: name, detail: "data ends after \(previous), before IEND")
            }
            let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            guard length <= Int(Int32.max) else {
                return .corrupt(name: name, detail: "chunk \(type) declares length \(length)")
            }
            let end = offset + 12 + length
            guard end <= bytes.count else {
                return .truncated(name: name, detail: "chunk \(type) needs \(end - offset) bytes, \(bytes.count - offset) left")
            }
            if type == "IEND" { return nil }
            previous = "chunk \(type)"
            offset = end
        }
    }
}
