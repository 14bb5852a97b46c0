import Foundation

/// One data element: a tag, its value representation and its value.
public struct DataElement: Sendable {
    /// The element's tag.
    public let tag: Tag
    /// The element's value representation.
    public let vr: VR
    /// The element's value.
    public var value: ElementValue

    /// Creates an element.
    public init(tag: Tag, vr: VR, value: ElementValue) {
        self.tag = tag
        self.vr = vr
        self.value = value
    }
}

/// The value of a data element. Binary values are held in little-endian byte order whatever the file's.
public enum ElementValue: Sendable {
    /// The value bytes (padding included, little-endian for binary VRs).
    case bytes(Data)
    /// The items of a sequence (SQ), each a nested data set.
    case sequence([DataSet])
    /// Encapsulated (compressed) pixel data: offset table and fragments.
    case encapsulated(EncapsulatedPixelData)
    /// Pixel data left in the source: `length` bytes at byte `offset` (read in metadata-only mode).
    case notLoaded(offset: Int, length: Int)
}
