import Foundation

/// Frame access for encapsulated pixel data: frame boundaries from the Extended Offset Table, the Basic
/// Offset Table, one fragment per frame, or all fragments for a single frame. Scanning fragments for JPEG
/// EOI markers (multi-fragment frames without any table) is not implemented: that case is a typed error.
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
        throw .frameBoundariesUnknown(name: name, frames: frames, fragments: all.count)
    }

    private func bytes(of fragment: Fragment) throws(DICOMError) -> Data {
        if let data = fragment.data { return data }
        guard let offset = fragment.sourceOffset else { throw .pixelDataNotLoaded(name: name) }
        let whole: Data
        if let source {
            whole = source
        } else if let url {
            whole = try DICOMFile.mapFile(url)
        } else {
            throw .pixelDataNotLoaded(name: name)
        }
        guard offset >= 0, offset <= whole.count - fragment.length else { throw .pixelDataNotLoaded(name: name) }
        let start = whole.startIndex + offset
        return Data(whole[start..<(start + fragment.length)])
    }
}
