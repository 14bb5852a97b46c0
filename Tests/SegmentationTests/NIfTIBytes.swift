import CZlib
import Foundation

/// Minimal NIfTI-1 files built byte by byte, for malformed-input tests.
enum NIfTIBytes {
    /// A 352-byte little-endian NIfTI-1 header (+ 4 extension bytes): `dims` is dim[0…], pixdim 1, vox_offset 352.
    static func header(dims: [Int], datatype: Int, bitpix: Int = 8) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 352)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { for (n, b) in $0.enumerated() { bytes[offset + n] = b } }
        }
        put(Int32(348), at: 0)
        for (n, d) in dims.enumerated() { put(Int16(d), at: 40 + 2 * n) }
        put(Int16(datatype), at: 70)
        put(Int16(bitpix), at: 72)
        for n in 0..<8 { put(Float(1).bitPattern, at: 76 + 4 * n) }
        put(Float(352).bitPattern, at: 108)
        bytes[344] = UInt8(ascii: "n"); bytes[345] = UInt8(ascii: "+"); bytes[346] = UInt8(ascii: "1")
        return bytes
    }

    /// gzip-compressed bytes.
    static func gzip(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        var source = input
        let produced = source.withUnsafeMutableBufferPointer { s in
            output.withUnsafeMutableBufferPointer { d in
                stream.next_in = s.baseAddress; stream.avail_in = uInt(s.count)
                stream.next_out = d.baseAddress; stream.avail_out = uInt(d.count)
                deflate(&stream, Z_FINISH)
                return d.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }
}
