import Foundation

/// One `.nii` or `.nii.gz` file: its header, read and checked against the file's size when opened, and its voxel
/// data read slice by slice (a plain file by offset; a gzip file inflated from the start as far as a read needs).
///
/// No length from the header is trusted: before anything is allocated, the declared voxel bytes must fit in the
/// file (for gzip: in what deflate can expand the file to), and a read past the real data is `truncated`.
/// Inflated bytes are kept until every slice has been read once, then freed. Thread-safe.
public final class NIfTIFile: @unchecked Sendable {
    public let url: URL
    public let header: NIfTIHeader
    /// The file name, for messages.
    public var name: String { url.lastPathComponent }
    public let isCompressed: Bool

    private let lock = NSLock()
    private let gzip: GzipStream?
    private var slicesRead = Set<Int>()

    /// Opens and checks `url`; `.gz` files (by their magic bytes, not their name) are inflated.
    public init(url: URL) throws(NIfTIError) {
        self.url = url
        let name = url.lastPathComponent
        let fileBytes: Int
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
            fileBytes = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
        } catch { throw .unreadable(file: name, reason: error.localizedDescription) }
        let head = (try? handle.read(upToCount: NIfTIHeader.sizeTwo)).map { [UInt8]($0) } ?? []
        try? handle.close()
        isCompressed = head.count >= 2 && head[0] == 0x1f && head[1] == 0x8b
        let available: Int
        if isCompressed {
            let (limit, overflow) = fileBytes.multipliedReportingOverflow(by: GzipStream.maxExpansion)
            available = overflow ? Int.max : limit + 1024
            let stream = try GzipStream(url: url, limit: available)
            header = try NIfTIHeader(Array(try stream.bytes(upTo: NIfTIHeader.sizeTwo)), file: name)
            gzip = stream
        } else {
            header = try NIfTIHeader(head, file: name)
            available = fileBytes
            gzip = nil
        }
        guard let declared = header.declaredBytes, declared <= available - min(header.voxOffset, available) else {
            throw .implausibleSize(
                file: name, declaredBytes: header.declaredBytes ?? Int.max, fileBytes: fileBytes,
                reason: isCompressed
                    ? "gzip expands at most \(GzipStream.maxExpansion)× and the data start at byte \(header.voxOffset)"
                    : "the data start at byte \(header.voxOffset)")
        }
    }

    /// Opens a path.
    public convenience init(path: String) throws(NIfTIError) { try self.init(url: URL(fileURLWithPath: path)) }

    /// The number of x-y slices in the file (z × every volume).
    public var sliceCount: Int { header.spatialDimensions.z * header.volumeCount }

    /// The raw bytes (file byte order) of slice `k` of 3D volume `t`, `header.sliceBytes` long.
    public func sliceBytes(_ k: Int, volume t: Int = 0) throws(NIfTIError) -> [UInt8] {
        let index = t * header.spatialDimensions.z + k
        precondition(k >= 0 && k < header.spatialDimensions.z && t >= 0 && t < header.volumeCount, "slice \(k) of volume \(t) is outside the file")
        let count = header.sliceBytes
        let start = header.voxOffset + index * count
        lock.lock()
        defer { lock.unlock() }
        let bytes = try read(start, count)
        slicesRead.insert(index)
        if slicesRead.count == sliceCount, let gzip { try gzip.reset() }
        return bytes
    }

    /// The values of slice `k` of volume `t` with the header's scaling applied (nibabel's `get_fdata`).
    public func sliceValues(_ k: Int, volume t: Int = 0) throws(NIfTIError) -> [Double] {
        let bytes = try sliceBytes(k, volume: t)
        let (slope, intercept) = header.scaling
        let type = header.datatype, big = header.bigEndian
        let n = header.spatialDimensions.x * header.spatialDimensions.y
        return bytes.withUnsafeBytes { raw in (0..<n).map { type.value(at: $0, of: raw, bigEndian: big) * slope + intercept } }
    }

    /// The smallest and largest stored value (before scaling) of every slice of every volume, non-finite values left
    /// out; nil when none is finite. Reads the whole file once; a gzip file's inflated bytes then stay until every
    /// slice has been read by `sliceBytes`, as they would have by the last one.
    public func storedRange() throws(NIfTIError) -> ClosedRange<Double>? {
        let type = header.datatype, big = header.bigEndian, count = header.sliceBytes
        let voxels = header.spatialDimensions.x * header.spatialDimensions.y
        var found: ClosedRange<Double>?
        lock.lock()
        defer { lock.unlock() }
        for index in 0..<sliceCount {
            let bytes = try read(header.voxOffset + index * count, count)
            if let range = bytes.withUnsafeBytes({ type.range(of: $0, count: voxels, bigEndian: big) }) {
                found = found.map { min($0.lowerBound, range.lowerBound)...max($0.upperBound, range.upperBound) } ?? range
            }
        }
        return found
    }

    private func read(_ start: Int, _ count: Int) throws(NIfTIError) -> [UInt8] {
        if let gzip {
            let have = try gzip.bytes(upTo: start + count)
            guard have.count == start + count else {
                throw .truncated(file: name, neededBytes: header.voxOffset + (header.declaredBytes ?? 0), availableBytes: have.count)
            }
            return Array(have[start...])
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            try handle.seek(toOffset: UInt64(start))
            let data = try handle.read(upToCount: count) ?? Data()
            guard data.count == count else {
                throw NIfTIError.truncated(file: name, neededBytes: start + count, availableBytes: start + data.count)
            }
            return [UInt8](data)
        } catch let error as NIfTIError {
            throw error
        } catch {
            throw .unreadable(file: name, reason: error.localizedDescription)
        }
    }
}
