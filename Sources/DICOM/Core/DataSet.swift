/// An ordered collection of data elements, kept sorted by tag.
public struct DataSet: Sendable {
    /// The elements in ascending tag order.
    public private(set) var elements: [DataElement] = []
    /// Text encoding inherited from an enclosing data set, used when this one has no (0008,0005).
    var inheritedEncoding: TextEncoding = .defaultRepertoire
    /// This data set's own encoding, decoded once when (0008,0005) is inserted (nil when absent or not bytes):
    /// text accessors and the parser ask for it per element, so it must not be decoded per call.
    private var ownEncoding: TextEncoding?

    /// Creates an empty data set.
    public init() {}

    /// Creates a data set from elements in any order (a later duplicate replaces an earlier one).
    public init(_ elements: [DataElement]) {
        for element in elements { insert(element) }
    }

    /// The number of elements at this level.
    public var count: Int { elements.count }

    /// The element with this tag, or nil.
    public subscript(tag: Tag) -> DataElement? {
        guard let index = index(of: tag) else { return nil }
        return elements[index]
    }

    /// True when an element with this tag is present.
    public func contains(_ tag: Tag) -> Bool { index(of: tag) != nil }

    /// Inserts an element, replacing any element with the same tag.
    public mutating func insert(_ element: DataElement) {
        insertCountingMoves(element)
    }

    /// Inserts an element, replacing any element with the same tag, and returns how many elements moved to make
    /// room (0 for an element after the last one, as in any file in tag order).
    @discardableResult
    mutating func insertCountingMoves(_ element: DataElement) -> Int {
        if element.tag == .specificCharacterSet { ownEncoding = DataSet.encoding(of: element) }
        if elements.isEmpty || elements[elements.count - 1].tag < element.tag {
            elements.append(element)
            return 0
        }
        let position = insertionPoint(for: element.tag)
        if position < elements.count, elements[position].tag == element.tag {
            elements[position] = element
            return 0
        }
        elements.insert(element, at: position)
        return elements.count - 1 - position
    }

    /// Makes room for `count` elements at this level without growing the storage again.
    mutating func reserveCapacity(_ count: Int) { elements.reserveCapacity(count) }

    /// Removes the element with this tag, if any.
    public mutating func remove(_ tag: Tag) {
        if let index = index(of: tag) { elements.remove(at: index) }
        if tag == .specificCharacterSet { ownEncoding = nil }
    }

    /// The text encoding in force: this data set's (0008,0005) or the inherited one.
    var textEncoding: TextEncoding { ownEncoding ?? inheritedEncoding }

    private static func encoding(of element: DataElement) -> TextEncoding? {
        guard case .bytes(let data) = element.value else { return nil }
        return TextEncoding(specificCharacterSetValue: data)
    }

    private func index(of tag: Tag) -> Int? {
        let position = insertionPoint(for: tag)
        return position < elements.count && elements[position].tag == tag ? position : nil
    }

    private func insertionPoint(for tag: Tag) -> Int {
        var low = 0
        var high = elements.count
        while low < high {
            let mid = (low + high) / 2
            if elements[mid].tag < tag { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
