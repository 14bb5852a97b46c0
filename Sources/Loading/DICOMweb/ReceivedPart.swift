#if DICOMweb
import DICOM
import NIOCore

/// One multipart part as it arrived: the pieces of the received buffers it spans, shared with them rather than
/// copied. A DICOM instance parses its header from the first bytes (`DICOMFile.parseHeader(of:name:limits:)`) and
/// reads its pixels from the pieces straight into its volume slice, so a series retrieve copies each pixel byte
/// once after the socket read (gathering a part into one block first cost a second copy of the whole response).
struct ReceivedPart: PixelBytesSource {
    private var pieces: [ByteBuffer] = []
    /// Where each piece ends within the part.
    private var ends: [Int] = []
    private(set) var count = 0

    mutating func append(_ piece: ByteBuffer) {
        guard piece.readableBytes > 0 else { return }
        pieces.append(piece)
        count += piece.readableBytes
        ends.append(count)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DICOMError) {
        guard offset >= 0, buffer.count <= count - offset else {
            throw .truncated(name: "multipart part", offset: offset, needed: buffer.count, remaining: max(0, count - offset),
                             context: "bytes of a received part")
        }
        guard let target = buffer.baseAddress else { return }
        // The first piece ending after `offset`, found by bisection (a CT part spans a few dozen pieces).
        var low = 0, high = ends.count - 1
        while low < high {
            let middle = (low + high) / 2
            if ends[middle] > offset { high = middle } else { low = middle + 1 }
        }
        var done = 0, k = low
        while done < buffer.count {
            let pieceStart = ends[k] - pieces[k].readableBytes
            let from = offset + done - pieceStart
            let length = min(pieces[k].readableBytes - from, buffer.count - done)
            pieces[k].withUnsafeReadableBytes { (target + done).copyMemory(from: $0.baseAddress! + from, byteCount: length) }
            done += length
            k += 1
        }
    }

    /// All the bytes, in one array (for parts used whole, e.g. the frames of a frame list).
    func bytes() -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(count)
        for piece in pieces { all.append(contentsOf: piece.readableBytesView) }
        return all
    }
}
#endif
