/// The scalar voxel datatypes of NIfTI that the reader converts (the `datatype` header field).
public enum NIfTIDatatype: Int, Sendable, CaseIterable {
    case uint8 = 2, int16 = 4, int32 = 8, float32 = 16, float64 = 64
    case int8 = 256, uint16 = 512, uint32 = 768, int64 = 1024, uint64 = 1280

    /// Bytes per voxel.
    public var byteCount: Int {
        switch self {
        case .uint8, .int8: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64: return 8
        }
    }

    /// True for integer types whose every value a 16-bit stored volume keeps exactly.
    public var fitsSixteenBits: Bool { byteCount <= 2 }

    public var isSigned: Bool {
        switch self {
        case .uint8, .uint16, .uint32, .uint64: return false
        default: return true
        }
    }

    public var isFloat: Bool { self == .float32 || self == .float64 }

    /// The value of voxel `n` of `bytes` (raw, in file byte order `bigEndian`) as a Double. 64-bit integers
    /// past 2^53 lose their low bits (as they do in nibabel's float conversion).
    @inline(__always)
    public func value(at n: Int, of bytes: UnsafeRawBufferPointer, bigEndian: Bool) -> Double {
        let o = n * byteCount
        switch self {
        case .uint8: return Double(bytes[o])
        case .int8: return Double(Int8(bitPattern: bytes[o]))
        case .int16: return Double(Int16(bitPattern: load(UInt16.self, bytes, o, bigEndian)))
        case .uint16: return Double(load(UInt16.self, bytes, o, bigEndian))
        case .int32: return Double(Int32(bitPattern: load(UInt32.self, bytes, o, bigEndian)))
        case .uint32: return Double(load(UInt32.self, bytes, o, bigEndian))
        case .int64: return Double(Int64(bitPattern: load(UInt64.self, bytes, o, bigEndian)))
        case .uint64: return Double(load(UInt64.self, bytes, o, bigEndian))
        case .float32: return Double(Float(bitPattern: load(UInt32.self, bytes, o, bigEndian)))
        case .float64: return Double(bitPattern: load(UInt64.self, bytes, o, bigEndian))
        }
    }

    /// The smallest and largest finite value among the first `count` voxels of `bytes` (raw, in file byte order
    /// `bigEndian`), as `value(at:of:bigEndian:)` gives them; nil when none is finite. One typed loop a datatype.
    public func range(of bytes: UnsafeRawBufferPointer, count: Int, bigEndian: Bool) -> ClosedRange<Double>? {
        func integers<T: FixedWidthInteger>(_: T.Type) -> ClosedRange<Double>? {
            guard count > 0 else { return nil }
            var lo = T.max, hi = T.min
            for n in 0..<count {
                let v = load(T.self, bytes, n * MemoryLayout<T>.size, bigEndian)
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
            return Double(lo)...Double(hi)
        }
        func floats<F: BinaryFloatingPoint, Bits: FixedWidthInteger>(_: F.Type, _: Bits.Type, _ make: (Bits) -> F) -> ClosedRange<Double>? {
            var lo = F.infinity, hi = -F.infinity
            for n in 0..<count {
                let v = make(load(Bits.self, bytes, n * MemoryLayout<Bits>.size, bigEndian))
                if v.isFinite { lo = Swift.min(lo, v); hi = Swift.max(hi, v) }
            }
            return lo <= hi ? Double(lo)...Double(hi) : nil
        }
        switch self {
        case .uint8: return integers(UInt8.self)
        case .int8: return integers(Int8.self)
        case .int16: return integers(Int16.self)
        case .uint16: return integers(UInt16.self)
        case .int32: return integers(Int32.self)
        case .uint32: return integers(UInt32.self)
        case .int64: return integers(Int64.self)
        case .uint64: return integers(UInt64.self)
        case .float32: return floats(Float.self, UInt32.self) { Float(bitPattern: $0) }
        case .float64: return floats(Double.self, UInt64.self) { Double(bitPattern: $0) }
        }
    }

    @inline(__always)
    private func load<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeRawBufferPointer, _ offset: Int, _ bigEndian: Bool) -> T {
        let raw = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
    }
}
