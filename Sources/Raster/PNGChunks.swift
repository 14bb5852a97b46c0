import Foundation

/// Structural pre-check of a PNG stream: signature, then chunk lengths walked up to IEND.
/// libpng's simplified reader stops once the pixels are decoded, so a file cut after the
/// image data would otherwise pass; this catches every truncation with a precise message.
enum PNGChunks {
    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

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
