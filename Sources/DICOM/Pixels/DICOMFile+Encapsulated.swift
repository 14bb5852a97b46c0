import Foundation

/// Frame access for encapsulated pixel data: frame boundaries from the Extended Offset Table, the Basic
/// Offset Table, one fragment per frame, or all fragments for a single frame. Multi-fragment frames without any
/// table are split where a fragment starts a new codestream (JPEG SOI, JPEG 2000 SOC/SIZ or the JP2 signature,
/// i.e. after the previous frame's EOI/EOC); when that does not give Number of Frames frames (e.g. RLE, which has
/// no markers) the result is a typed error.
extension DICOMFile {
    /// The number of frames declared by Number of Frames (1 when absent or invalid).
    public var numberOfFrames: Int { max(1, dataSet.int(.numberOfFrames) ?? 1) }

    /// The compressed bytes of frame `index` (its fragments concatenated).
    public func encapsulatedFrame(_ index: Int) throws(DICOMError) -> Data {
        let frames = numberOfFrames
        guard (0..<frames).contains(index) else {
            throw .frameIndexOutOfRange(name: name, index: index, frames: frames)
        }
        var result = Data()
        try forEachEncapsulatedFrame(index..<(index + 1)) { (_, data) throws(DICOMError) in result = data }
        return result
    }

    /// Calls `body` with the index and compressed bytes of each frame in `frames` (within 0..<numberOfFrames), in
    /// order. Frame boundaries are found once for the whole range (and split points once per file), so visiting
    /// every frame is linear in the fragments; finding them per frame would be quadratic (tens of thousands of tiny
    /// fragments took minutes).
    func forEachEncapsulatedFrame(_ frames: Range<Int>,
                                  _ body: (Int, Data) throws(DICOMError) -> Void) throws(DICOMError) {
        guard let pixels = encapsulatedPixelData else { throw .noPixelData(name: name) }
        let ranges = try fragmentRanges(of: frames, among: numberOfFrames, pixels)
        for (frame, range) in zip(frames, ranges) {
            var data = Data()
            for fragment in pixels.fragments[range] { data.append(try bytes(of: fragment)) }
            try body(frame, data)
        }
    }

    /// For each frame of `wanted` (of `frames` in all), the range of `pixels.fragments` that holds it.
    private func fragmentRanges(of wanted: Range<Int>, among frames: Int,
                                _ pixels: EncapsulatedPixelData) throws(DICOMError) -> [Range<Int>] {
        let all = pixels.fragments
        let extended = dataSet.bytes(.extendedOffsetTable).map { BinaryValues.decode($0, as: UInt64.self) } ?? []
        let offsets: [UInt64] = extended.count == frames ? extended
            : pixels.basicOffsetTable.count == frames ? pixels.basicOffsetTable.map(UInt64.init) : []
        if !offsets.isEmpty {
            // Item offsets increase along the fragments: frame k holds those at offsets[k] ..< offsets[k + 1] (none
            // when the table goes backwards).
            func firstFragment(atOrAfter offset: UInt64) -> Int {
                var low = 0, high = all.count
                while low < high {
                    let middle = (low + high) / 2
                    if UInt64(all[middle].itemOffset) < offset { low = middle + 1 } else { high = middle }
                }
                return low
            }
            return wanted.map { k in
                let start = firstFragment(atOrAfter: offsets[k])
                let end = k + 1 < frames ? firstFragment(atOrAfter: offsets[k + 1]) : all.count
                return start..<max(start, end)
            }
        }
        if frames == 1 { return wanted.map { _ in 0..<all.count } }
        if all.count == frames { return wanted.map { $0..<($0 + 1) } }
        let starts = try fragmentStarts.starts { () throws(DICOMError) in
            var found = [Int]()
            for (position, fragment) in all.enumerated() where DICOMFile.startsCodestream(try prefix(of: fragment)) {
                found.append(position)
                if found.count > frames { break }
            }
            return found
        }
        guard starts.count == frames, starts.first == 0 else {
            throw .frameBoundariesUnknown(name: name, frames: frames, fragments: all.count)
        }
        return wanted.map { k in starts[k]..<(k + 1 < frames ? starts[k + 1] : all.count) }
    }

    /// True when `bytes` begin a JPEG (SOI), JPEG-LS (SOI), JPEG 2000 codestream (SOC SIZ) or JP2 file.
    static func startsCodestream(_ bytes: Data) -> Bool {
        let b = [UInt8](bytes.prefix(12))
        if b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF { return true }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0x4F, b[2] == 0xFF, b[3] == 0x51 { return true }
        return b.count >= 12 && b == [0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]
    }

    /// The first (up to) 12 bytes of a fragment, without copying the rest.
    private func prefix(of fragment: Fragment) throws(DICOMError) -> Data {
        if let data = fragment.data { return data.prefix(12) }
        let length = min(12, fragment.length)
        return try bytes(of: Fragment(itemOffset: fragment.itemOffset, sourceOffset: fragment.sourceOffset,
                                      length: length, data: nil))
    }

    private func bytes(of fragment: Fragment) throws(DICOMError) -> Data {
        if let data = fragment.data { return data }
        guard let offset = fragment.sourceOffset else { throw .pixelDataNotLoaded(name: name) }
        if let source {
            guard offset >= 0, offset <= source.count - fragment.length else { throw .pixelDataNotLoaded(name: name) }
            let start = source.startIndex + offset
            return Data(source[start..<(start + fragment.length)])
        }
        return try readStoredData(at: offset, length: fragment.length)
    }
}
