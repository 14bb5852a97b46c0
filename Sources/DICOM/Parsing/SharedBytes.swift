import Foundation

/// Uninitialised heap bytes (no zeroing) owned by one object, so `Data` values can share parts of them without
/// copying (see `sharedData`): a file read whole keeps its large values (the pixel data) here rather than in copies.
final class SharedBytes: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    /// The bytes filled so far.
    var count: Int

    /// Room for `capacity` bytes, none filled yet.
    init(capacity: Int) {
        self.base = UnsafeMutableRawPointer.allocate(byteCount: max(capacity, 1), alignment: 16)
        self.count = 0
    }

    deinit { base.deallocate() }

    /// The bytes filled so far.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// A `Data` over `range` of these bytes without copying them; it keeps this buffer alive and, like any
    /// other `Data`, starts at index 0. A mutation of the `Data` (e.g. a byte swap) touches only its own range.
    func sharedData(_ range: Range<Int>) -> Data {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "shared range out of bounds")
        if range.isEmpty { return Data() }
        return Data(bytesNoCopy: base + range.lowerBound, count: range.count,
                     deallocator: .custom { _, _ in withExtendedLifetime(self) {} })
    }
}
