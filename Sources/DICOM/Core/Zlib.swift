import CZlib
import Foundation

/// Raw (headerless) deflate and bounded inflate, as used by the Deflated Explicit VR Little Endian syntax.
enum Zlib {
    /// Compresses bytes with raw deflate (deterministic for identical input).
    static func deflateRaw(_ input: Data) throws(DICOMError) -> Data {
        var stream = z_stream()
        guard deflateInit2_(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY,
                            zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .inflateFailed(name: "<writer>", reason: "deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = Data(count: bound)
        let status: Int32 = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(destination.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .inflateFailed(name: "<writer>", reason: "deflate returned \(status)") }
        output.count = Int(stream.total_out)
        return output
    }

    /// Inflates raw deflate data, growing the output geometrically and never past `limit` bytes.
    static func inflateRaw(_ input: UnsafeRawBufferPointer, limit: Int, name: String) throws(DICOMError) -> Data {
        guard input.count <= Int(UInt32.max) else {
            throw .inflateFailed(name: name, reason: "compressed data set larger than 4 GiB")
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .inflateFailed(name: name, reason: "inflateInit2 failed")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
        stream.avail_in = uInt(input.count)
        var output = Data(count: min(max(input.count * 4, 4096), limit))
        var produced = 0
        while true {
            if produced == output.count {
                guard output.count < limit else { throw .inflatedDataTooLarge(name: name, limit: limit) }
                output.count = min(output.count * 2, limit)
            }
            let status: Int32 = output.withUnsafeMutableBytes { buffer in
                stream.next_out = buffer.bindMemory(to: Bytef.self).baseAddress.map { $0 + produced }
                stream.avail_out = uInt(buffer.count - produced)
                let status = inflate(&stream, Z_NO_FLUSH)
                produced = buffer.count - Int(stream.avail_out)
                return status
            }
            if status == Z_STREAM_END { break }
            if status == Z_BUF_ERROR, stream.avail_in == 0 {
                throw .inflateFailed(name: name, reason: "deflate stream ends early (after \(produced) bytes)")
            }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw .inflateFailed(name: name, reason: message)
            }
        }
        output.count = produced
        return output
    }
}
