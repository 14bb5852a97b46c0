import Foundation

/// Encapsulated pixel data: the Basic Offset Table and the fragments that follow it.
public struct EncapsulatedPixelData: Sendable {
    /// The Basic Offset Table (empty when the first item has no value).
    public var basicOffsetTable: [UInt32]
    /// The fragments in file order.
    public var fragments: [Fragment]

    /// Creates encapsulated pixel data from fragments (item offsets are recomputed from the fragment lengths).
    public init(basicOffsetTable: [UInt32] = [], fragments: [Data]) {
        self.basicOffsetTable = basicOffsetTable
        var offset = 0
        self.fragments = fragments.map { data in
            defer { offset += 8 + data.count + data.count % 2 }
            return Fragment(itemOffset: offset, sourceOffset: nil, length: data.count, data: data)
        }
    }

    init(basicOffsetTable: [UInt32], parsedFragments: [Fragment]) {
        self.basicOffsetTable = basicOffsetTable
        fragments = parsedFragments
    }
}

/// One fragment (item) of encapsulated pixel data.
public struct Fragment: Sendable {
    /// Offset of the fragment's item tag from the first fragment's item tag (the origin of offset tables).
    public let itemOffset: Int
    /// Byte offset of the fragment value in the source file, when it was read from one.
    public let sourceOffset: Int?
    /// The fragment value length in bytes.
    public let length: Int
    /// The fragment bytes; nil after a metadata-only read.
    public let data: Data?
}
