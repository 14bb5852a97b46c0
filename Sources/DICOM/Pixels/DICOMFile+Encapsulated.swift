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
        guard let pixels = encapsulatedPixelData else { throw .noPixelData(name: name) }
        let frames = numberOfFrames
        guard (0..<frames).contains(index) else {
            throw .frameIndexOutOfRange(name: name, index: index, frames: frames)
        }
        var frame = Data()
        for fragment in try fragments(ofFrame: index, frames: frames, pixels) {
            frame.append(try bytes(of: fragment))
        }
        return frame
    }

    private func fragments(ofFrame index: Int, frames: Int,
                           _ pixels: EncapsulatedPixelData) throws(DICOMError) -> ArraySlice<Fragment> {
        let all = pixels.fragments[...]
        let extended = dataSet.bytes(.extendedOffsetTable).map { BinaryValues.decode($0, as: UInt64.self) } ?? []
        let offsets: [UInt64] = extended.count == frames ? extended
            : pixels.basicOffsetTable.count == frames ? pixels.basicOffsetTable.map(UInt64.init) : []
        if !offsets.isEmpty {
            let start = offsets[index]
            let end = index + 1 < frames ? offsets[index + 1] : UInt64.max
            return all.filter { UInt64($0.itemOffset) >= start && UInt64($0.itemOffset) < end }[...]
        }
        if frames == 1 { return all }
        if all.count == frames { return all[index...index] }
        var starts = [Int]()
        for (position, fragment) in all.enumerated() where DICOMFile.startsCodestream(try prefix(of: fragment)) {
            starts.append(position)
        }
        guard starts.count == frames, starts.first == 0 else {
            throw .frameBoundariesUnknown(name: name, frames: frames, fragments: all.count)
        }
        let end = index + 1 < frames ? starts[index + 1] : all.count
        return all[starts[index]..<end]
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
        guard let url, offset >= 0, fragment.length >= 0 else { throw .pixelDataNotLoaded(name: name) }
        return try FileReader(url).readData(at: offset, length: fragment.length)
    }
}
