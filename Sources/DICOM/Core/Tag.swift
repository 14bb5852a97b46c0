/// A DICOM attribute tag: a (group, element) pair such as (0028,0010).
public struct Tag: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The group number (first half of the tag).
    public let group: UInt16
    /// The element number (second half of the tag).
    public let element: UInt16

    /// Creates a tag from its group and element numbers.
    public init(_ group: UInt16, _ element: UInt16) {
        self.group = group
        self.element = element
    }

    /// Group and element packed as one 32-bit number, group in the high half.
    public var packed: UInt32 { UInt32(group) << 16 | UInt32(element) }

    /// True for tags in odd groups (private attributes).
    public var isPrivate: Bool { group & 1 == 1 }

    /// True for group length tags (gggg,0000).
    public var isGroupLength: Bool { element == 0 }

    public static func < (lhs: Tag, rhs: Tag) -> Bool { lhs.packed < rhs.packed }

    /// The tag as "(gggg,eeee)" in upper-case hexadecimal.
    public var description: String { "(\(Tag.hex4(group)),\(Tag.hex4(element)))" }

    private static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
