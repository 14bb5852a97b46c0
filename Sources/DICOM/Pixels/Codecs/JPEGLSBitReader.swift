/// Bit reader over JPEG-LS coded data (T.87 A.1): after a 0xFF byte the next byte carries 7 bits (its top bit is a
/// stuffed zero); 0xFF followed by a byte with its top bit set is a marker, where the data ends. Past the end it
/// supplies zero bits only to fill its cache, counting them, and throws as soon as a read has used one: a damaged
/// stream ends with a typed error, never with zeros forever.
struct JPEGLSBitReader {
    let bytes: UnsafePointer<UInt8>
    let end: Int
    private(set) var position: Int
    private var cache: UInt64 = 0
    private var count = 0
    private var padding = 0
    private var afterFF = false
    private var atEnd = false

    init(bytes: UnsafePointer<UInt8>, end: Int, position: Int) {
        self.bytes = bytes
        self.end = end
        self.position = position
    }

    /// True when a read has used bits that are not in the data.
    var overran: Bool { count < padding }

    private mutating func fill() throws(CodecFailure) {
        if atEnd, overran { throw .corrupt("the coded data ends before the image is complete") }
        while count <= 56 {
            if !atEnd, position < end {
                let byte = bytes[position]
                if byte == 0xFF, position + 1 >= end || bytes[position + 1] & 0x80 != 0 {
                    atEnd = true
                    continue
                }
                cache |= UInt64(byte) &<< UInt64(afterFF ? 57 - count : 56 - count)
                count += afterFF ? 7 : 8
                afterFF = byte == 0xFF
                position += 1
            } else {
                atEnd = true
                count += 8
                padding += 8
            }
        }
    }

    @inline(__always) private mutating func skip(_ bits: Int) {
        cache = bits >= 64 ? 0 : cache &<< UInt64(bits)
        count -= bits
    }

    @inline(__always) mutating func readBit() throws(CodecFailure) -> Bool {
        if count < 1 { try fill() }
        let bit = cache >> 63 != 0
        cache &<<= 1
        count -= 1
        return bit
    }

    /// `bits` (1–32) bits as an unsigned value.
    @inline(__always) mutating func read(_ bits: Int) throws(CodecFailure) -> Int {
        if count < bits { try fill() }
        let value = Int(truncatingIfNeeded: cache &>> UInt64(64 - bits))
        cache &<<= UInt64(bits)
        count -= bits
        return value
    }

    /// The number of 0 bits before the next 1 bit (which is consumed), at most `maximum`.
    @inline(__always) mutating func readZeros(maximum: Int) throws(CodecFailure) -> Int {
        var zeros = 0
        while true {
            if count < 32 { try fill() }
            let leading = cache.leadingZeroBitCount
            if leading < count {
                skip(leading + 1)
                zeros += leading
                guard zeros <= maximum else { throw .corrupt("a Golomb code is longer than LIMIT allows") }
                return zeros
            }
            zeros += count
            skip(count)
            guard zeros <= maximum else { throw .corrupt("a Golomb code is longer than LIMIT allows") }
        }
    }

    /// Skips to the next marker after the coded data and returns its position (the byte 0xFF), or nil at the end.
    mutating func nextMarker() -> Int? {
        var at = position
        while at + 1 < end {
            if bytes[at] == 0xFF, bytes[at + 1] & 0x80 != 0 { return at }
            at += 1
        }
        return nil
    }

    /// Starts again after a restart marker at `position`.
    mutating func restart(at position: Int) {
        self = JPEGLSBitReader(bytes: bytes, end: end, position: position)
    }
}
