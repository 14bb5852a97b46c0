import Foundation

// Huffman decoding shared by the lossless (Process 14) and DCT (Processes 1, 2 and 4) JPEG decoders.

/// A JPEG Huffman table (T.81 Annex C) as a 16-bit lookahead table: entry = code length << 8 | symbol, 0 for no code.
struct HuffmanLookup {
    let entries: UnsafeMutablePointer<UInt16>

    /// Builds the table from the DHT counts (BITS) and symbols (HUFFVAL), T.81 Annex C.
    static func build(counts: UnsafeRawBufferPointer, symbols: UnsafeRawBufferPointer) throws(CodecFailure) -> HuffmanLookup {
        let entries = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << 16)
        entries.initialize(repeating: 0, count: 1 << 16)
        var code = 0
        var symbol = 0
        for length in 1...16 {
            for _ in 0..<Int(counts[length - 1]) {
                guard code < (1 << length), symbol < symbols.count else {
                    entries.deallocate()
                    throw .corrupt("Huffman table has more codes of length \(length) than fit")
                }
                let first = code << (16 - length)
                let span = 1 << (16 - length)
                let value = UInt16(length << 8) | UInt16(symbols[symbol])
                (entries + first).update(repeating: value, count: span)
                code += 1
                symbol += 1
            }
            code <<= 1
        }
        return HuffmanLookup(entries: entries)
    }
}

/// Bit reader over JPEG (T.81) entropy-coded data: removes 0xFF00 stuffing, stops at markers and feeds zero bits past them
/// (or past the end), counting those so that a scan that consumed them is reported as truncated.
struct BitReader {
    let bytes: UnsafePointer<UInt8>
    let end: Int
    var position: Int
    var accumulator: UInt64 = 0
    var count = 0
    var padding = 0
    var atMarker = false

    init(bytes: UnsafePointer<UInt8>, end: Int, position: Int) {
        self.bytes = bytes
        self.end = end
        self.position = position
    }

    @inline(__always) mutating func fill() {
        while count <= 56 {
            var byte: UInt8 = 0
            if !atMarker, position < end {
                byte = bytes[position]
                if byte == 0xFF {
                    if position + 1 < end, bytes[position + 1] == 0x00 {
                        position += 2
                    } else {
                        atMarker = true
                        byte = 0
                        padding += 8
                    }
                } else {
                    position += 1
                }
            } else {
                padding += 8
            }
            accumulator |= UInt64(byte) << UInt64(56 - count)
            count += 8
        }
    }

    /// True when the decoder has used bits that are not in the data.
    var overran: Bool { count < padding }

    @inline(__always) func peek16() -> Int { Int(truncatingIfNeeded: accumulator >> 48) }

    @inline(__always) mutating func skip(_ bits: Int) {
        accumulator <<= UInt64(bits)
        count -= bits
    }

    @inline(__always) mutating func receive(_ bits: Int) -> Int {
        let value = Int(truncatingIfNeeded: accumulator >> UInt64(64 - bits))
        skip(bits)
        return value
    }

    /// Moves to the next marker (skipping what remains of the entropy-coded data) and returns its position.
    mutating func nextMarker() -> Int? {
        accumulator = 0
        count = 0
        padding = 0
        atMarker = false
        while position + 1 < end {
            if bytes[position] == 0xFF, bytes[position + 1] != 0x00, bytes[position + 1] != 0xFF {
                return position
            }
            position += 1
        }
        return nil
    }
}

/// The DC (class 0) and AC (class 1) tables defined so far by DHT segments, four slots each.
struct HuffmanTables {
    var dc: [HuffmanLookup?] = [nil, nil, nil, nil]
    var ac: [HuffmanLookup?] = [nil, nil, nil, nil]

    /// Reads a DHT segment body: each table it holds replaces the one in its slot.
    mutating func define(_ body: UnsafeRawBufferPointer) throws(CodecFailure) {
        var offset = 0
        while offset < body.count {
            guard offset + 17 <= body.count else { throw .corrupt("DHT segment cut off") }
            let tableClass = Int(body[offset] >> 4)
            let slot = Int(body[offset] & 0x0F)
            guard slot < 4, tableClass <= 1 else { throw .corrupt("DHT table class \(tableClass) id \(slot)") }
            let counts = UnsafeRawBufferPointer(rebasing: body[(offset + 1)..<(offset + 17)])
            let total = counts.reduce(0) { $0 + Int($1) }
            guard total <= 256, offset + 17 + total <= body.count else { throw .corrupt("DHT table holds \(total) codes, more than its segment") }
            let symbols = UnsafeRawBufferPointer(rebasing: body[(offset + 17)..<(offset + 17 + total)])
            let table = try HuffmanLookup.build(counts: counts, symbols: symbols)
            if tableClass == 0 {
                dc[slot]?.entries.deallocate()
                dc[slot] = table
            } else {
                ac[slot]?.entries.deallocate()
                ac[slot] = table
            }
            offset += 17 + total
        }
    }

    mutating func release() {
        for table in dc + ac { table?.entries.deallocate() }
        dc = [nil, nil, nil, nil]
        ac = [nil, nil, nil, nil]
    }
}
