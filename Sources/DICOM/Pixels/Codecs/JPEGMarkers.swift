import Foundation

/// Marker-level reading of JPEG streams shared by the JPEG decoders (ITU T.81 Annex B).
enum JPEGMarkers {
    struct Component: Equatable {
        var id: UInt8
        var horizontal: Int
        var vertical: Int
    }

    /// What a start-of-frame segment declares.
    struct FrameHeader: Equatable {
        /// The SOFn marker's second byte (0xC0 baseline, 0xC1 extended, 0xC3 lossless, …).
        var marker: UInt8
        var precision: Int
        var rows: Int
        var columns: Int
        var components: [Component]
        /// True for SOF3 (lossless, Huffman, non-hierarchical).
        var isLossless: Bool { marker == 0xC3 }
    }

    /// True for the SOFn markers (C0–CF except DHT C4, JPG C8 and DAC CC).
    static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }

    /// Parses a SOFn segment body (after its length field).
    static func parseFrame(marker: UInt8, _ body: UnsafeRawBufferPointer) -> FrameHeader? {
        guard body.count >= 6 else { return nil }
        let count = Int(body[5])
        guard count >= 1, body.count >= 6 + 3 * count else { return nil }
        var components = [Component]()
        for index in 0..<count {
            let base = 6 + 3 * index
            components.append(Component(id: body[base], horizontal: Int(body[base + 1] >> 4),
                                        vertical: Int(body[base + 1] & 0x0F)))
        }
        return FrameHeader(marker: marker, precision: Int(body[0]), rows: Int(body[1]) << 8 | Int(body[2]),
                           columns: Int(body[3]) << 8 | Int(body[4]), components: components)
    }

    /// The first frame header of a JPEG stream, or nil when none is found before the first scan or the data ends.
    static func frameHeader(_ data: Data) -> FrameHeader? {
        data.withUnsafeBytes { bytes -> FrameHeader? in
            guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
            var position = 2
            while position + 4 <= bytes.count {
                guard bytes[position] == 0xFF else { return nil }
                let marker = bytes[position + 1]
                if marker == 0xFF { position += 1; continue }
                if (0xD0...0xD7).contains(marker) || marker == 0x01 { position += 2; continue }
                if marker == 0xDA || marker == 0xD9 { return nil }
                let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
                guard length >= 2, position + 2 + length <= bytes.count else { return nil }
                if isStartOfFrame(marker) {
                    return parseFrame(marker: marker,
                                      UnsafeRawBufferPointer(rebasing: bytes[(position + 4)..<(position + 2 + length)]))
                }
                position += 2 + length
            }
            return nil
        }
    }

    /// One marker segment of a stream being decoded: its marker, its body (after the length field) and where the
    /// next marker is expected; nil at the end-of-image marker. Skips fill bytes and RSTn/TEM markers between
    /// segments; every length is checked against the bytes there are.
    static func segment(_ bytes: UnsafePointer<UInt8>, count: Int,
                        at position: inout Int) throws(CodecFailure) -> (marker: UInt8, body: UnsafeRawBufferPointer, end: Int)? {
        while true {
            guard position + 1 < count else {
                throw .corrupt("the data ends at byte \(position) before the end-of-image marker")
            }
            guard bytes[position] == 0xFF else {
                throw .corrupt(String(format: "byte %d is 0x%02X where a marker was expected", position, bytes[position]))
            }
            let marker = bytes[position + 1]
            if marker == 0xFF { position += 1; continue }
            if marker == 0xD9 { return nil }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { position += 2; continue }
            guard position + 4 <= count else { throw .corrupt("marker segment header cut off at byte \(position)") }
            let length = Int(bytes[position + 2]) << 8 | Int(bytes[position + 3])
            let end = position + 2 + length
            guard length >= 2, end <= count else {
                throw .corrupt(String(format: "marker FF%02X at byte %d declares %d bytes, %d remain", marker, position,
                                      length, count - position - 2))
            }
            return (marker, UnsafeRawBufferPointer(start: bytes + position + 4, count: length - 2), end)
        }
    }
}
