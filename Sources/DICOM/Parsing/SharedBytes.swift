import Foundation

/// Uninitialised heap bytes (no zeroing) owned by one object, so `Data` values can share parts of them without
/// copying (see `sharedData`). A file parsed from them (`DICOMFile.parse(_:name:)`) keeps its large values (the
/// pixel data) here rather than in copies: bytes received into memory (a DICOMweb part) are parsed in place, and
/// the same block can take the next input once no parsed file holds it (`isKnownUniquelyReferenced`).
public final class SharedBytes: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    /// Bytes the block holds at most.
    public let capacity: Int
    /// The bytes filled so far.
    public internal(set) var count: Int

    public init(capacity: Int) {
        self.capacity = capacity
        self.base = UnsafeMutableRawPointer.allocate(byteCount: max(capacity, 1), alignment: 16)
        self.count = 0
    }

    deinit { base.deallocate() }

    /// The bytes filled so far.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Appends `chunk` when it fits within the capacity; says whether it did (nothing is appended otherwise).
    /// Only while no parsed file shares the bytes.
    public func append(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard chunk.count <= capacity - count else { return false }
        if let source = chunk.baseAddress { (base + count).copyMemory(from: source, byteCount: chunk.count) }
        count += chunk.count
        return true
    }

    /// Empties the block for new input (its memory stays). Only while no parsed file shares the bytes.
    public func removeAll() { count = 0 }

    /// A `Data` over `range` of these bytes without copying them; it keeps this buffer alive and, like any
    /// other `Data`, starts at index 0. A mutation of the `Data` (e.g. a byte swap) touches only its own range.
    func sharedData(_ range: Range<Int>) -> Data {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "shared range out of bounds")
        if range.isEmpty { return Data() }
        return Data(bytesNoCopy: base + range.lowerBound, count: range.count,
                     deallocator: .custom { _, _ in withExtendedLifetime(self) {} })
    }
}
