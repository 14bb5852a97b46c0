import CZlib
import Foundation

/// A gzip (or zlib) file inflated from the start on demand, in 1 MiB reads, keeping the bytes produced so far.
///
/// `bytes(upTo:)` inflates only as far as asked and never past `limit`; a stream that ends first is reported with
/// how many bytes it held. Concatenated gzip members are read as one stream, as gzip does. Not thread-safe.
final class GzipStream {
    let file: String
    let limit: Int
    private let handle: FileHandle
    private var stream = z_stream()
    private var input = [UInt8]()
    private var inputOffset = 0
    private(set) var output = [UInt8]()
    private var ended = false

    /// The largest factor deflate can expand data by (zlib's documented bound is about 1032:1).
    static let maxExpansion = 1032

    init(url: URL, limit: Int) throws(NIfTIError) {
        file = url.lastPathComponent
        self.limit = limit
        do { handle = try FileHandle(forReadingFrom: url) } catch { throw .unreadable(file: url.lastPathComponent, reason: error.localizedDescription) }
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .inflateFailed(file: file, reason: "inflateInit2 failed")
        }
    }

    deinit {
        inflateEnd(&stream)
        try? handle.close()
    }

    /// The first `count` inflated bytes, or fewer when the stream ends first (`count` is capped at `limit`).
    func bytes(upTo count: Int) throws(NIfTIError) -> ArraySlice<UInt8> {
        let wanted = min(count, limit)
        while output.count < wanted, !ended { try step(towards: wanted) }
        return output.prefix(wanted)
    }

    /// Frees the bytes kept so far; a later read inflates from the start again.
    func reset() throws(NIfTIError) {
        output = []
        input = []
        inputOffset = 0
        ended = false
        do { try handle.seek(toOffset: 0) } catch { throw .unreadable(file: file, reason: error.localizedDescription) }
        inflateReset(&stream)
    }

    private func step(towards wanted: Int) throws(NIfTIError) {
        if inputOffset == input.count {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: 1 << 20) } catch { throw .unreadable(file: file, reason: error.localizedDescription) }
            guard let chunk, !chunk.isEmpty else { ended = true; return }
            input = [UInt8](chunk)
            inputOffset = 0
        }
        let start = output.count
        let room = min(max(wanted - start, 1 << 16), limit - start)
        output.append(contentsOf: repeatElement(0, count: room))
        let consumedBefore = input.count - inputOffset
        let status: Int32 = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress! + inputOffset
                stream.avail_in = uInt(source.count - inputOffset)
                stream.next_out = destination.baseAddress! + start
                stream.avail_out = uInt(room)
                return inflate(&stream, Z_NO_FLUSH)
            }
        }
        inputOffset = input.count - Int(stream.avail_in)
        output.removeLast(Int(stream.avail_out))
        switch status {
        case Z_STREAM_END:
            // Another gzip member may follow; anything else after the end is ignored, as gzip -d does with trailing zeros.
            if inputOffset < input.count || !atEndOfFile { inflateReset(&stream) } else { ended = true }
        case Z_OK, Z_BUF_ERROR:
            if status == Z_BUF_ERROR, consumedBefore == 0 { ended = true }
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            throw .inflateFailed(file: file, reason: message)
        }
    }

    private var atEndOfFile: Bool {
        guard let offset = try? handle.offset(), let end = try? handle.seekToEnd() else { return true }
        try? handle.seek(toOffset: offset)
        return offset == end
    }
}
