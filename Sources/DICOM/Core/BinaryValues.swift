import Foundation

/// Little-endian encoding and decoding of fixed-size binary values.
enum BinaryValues {
    /// Decodes whole little-endian values of type T from the bytes; a trailing partial value is ignored.
    static func decode<T: BitwiseCopyable>(_ data: Data, as type: T.Type) -> [T] {
        let size = MemoryLayout<T>.size
        let count = data.count / size
        return data.withUnsafeBytes { raw in
            (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * size, as: T.self) }
        }
    }

    /// Encodes values as little-endian bytes (the host is little-endian).
    static func encode<T: BitwiseCopyable>(_ values: [T]) -> Data {
        values.withUnsafeBytes { Data($0) }
    }

    /// Reverses the byte order of each `unit`-byte value in place (no-op for units other than 2, 4 and 8).
    static func swapBytes(_ buffer: UnsafeMutableRawBufferPointer, unit: Int) {
        switch unit {
        case 2: swap(buffer, as: UInt16.self)
        case 4: swap(buffer, as: UInt32.self)
        case 8: swap(buffer, as: UInt64.self)
        default: return
        }
    }

    private static func swap<T: FixedWidthInteger>(_ buffer: UnsafeMutableRawBufferPointer, as type: T.Type) {
        let size = MemoryLayout<T>.size
        for index in 0..<(buffer.count / size) {
            let value = buffer.loadUnaligned(fromByteOffset: index * size, as: T.self)
            buffer.storeBytes(of: value.byteSwapped, toByteOffset: index * size, as: T.self)
        }
    }

    /// A copy of the data with each `unit`-byte value byte-swapped.
    static func swapped(_ data: Data, unit: Int) -> Data {
        guard unit > 1 else { return data }
        var copy = data
        copy.withUnsafeMutableBytes { swapBytes($0, unit: unit) }
        return copy
    }
}
