import Foundation

/// Byte order and VR explicitness of the bytes being parsed.
struct ByteEncoding {
    var explicitVR: Bool
    var bigEndian: Bool

    static let explicitLittle = ByteEncoding(explicitVR: true, bigEndian: false)
    static let implicitLittle = ByteEncoding(explicitVR: false, bigEndian: false)
}

/// Parses data elements from raw bytes with bounds-checked unaligned loads; every length is checked
/// against the bytes that remain before it is used, and nesting and element counts are limited.
///
/// Partial input: `bytes` may hold only a prefix of the data (a metadata-only read starts with the first few KB
/// of a file), while every `end` passed in is the real size. Lengths are checked against the real size, and any
/// read past the loaded prefix records `bytesNeeded` and stops the parse, so the caller can load more and parse
/// again: a parse of a prefix either gives exactly the result of parsing the whole input or asks for more.
///
/// Odd-length rule: the standard requires even lengths. An odd length is an error unless the VR is OB or UN
/// or the value is an encapsulated fragment (byte streams, read exactly by their explicit length, which some
/// encoders leave unpadded), or `DICOMReadLimits.allowOddLengths` is set for legacy files.
struct DataSetParser {
    let bytes: UnsafeRawBufferPointer
    let name: String
    let limits: DICOMReadLimits
    let mode: ReadMode
    /// True when positions in `bytes` are byte offsets in the source file (false for inflated data).
    let positionsAreFileOffsets: Bool
    private(set) var elementCount = 0
    /// Elements moved so far to sort elements that came out of tag order (bounded by `maxReorderMoves`).
    private var reorderMoves = 0
    private(set) var pixelDataLocation: (offset: Int, length: Int)?
    /// Set when the parse stopped because it needs bytes beyond the loaded prefix: how many from the start.
    private(set) var bytesNeeded: Int?
    /// The owner of `bytes` when values may share them instead of being copied (large values only).
    let sharedBuffer: SharedBytes?
    /// The file `bytes` are a prefix of, for a metadata-only read: fragment item headers of encapsulated pixel data
    /// past the prefix are read from it 8 bytes at a time instead of loading the whole pixel data to walk them.
    let file: FileReader?

    /// Values at least this long share the owner's bytes instead of being copied.
    private static let shareThreshold = 4096

    private static let undefinedLength: UInt32 = 0xFFFF_FFFF

    /// Elements the top level of a data set is given room for at once.
    private static let topLevelCapacity = 64

    init(bytes: UnsafeRawBufferPointer, name: String, limits: DICOMReadLimits, mode: ReadMode,
         positionsAreFileOffsets: Bool, sharedBuffer: SharedBytes? = nil, file: FileReader? = nil) {
        self.bytes = bytes
        self.sharedBuffer = sharedBuffer
        self.file = file
        self.name = name
        self.limits = limits
        self.mode = mode
        self.positionsAreFileOffsets = positionsAreFileOffsets
    }

    /// Parses elements from `start` up to `end`; with `untilItemDelimiter`, up to and including an item delimiter;
    /// with `onlyGroup`, stops before the first element of another group. Returns the data set and the position after it.
    mutating func parseDataSet(from start: Int, to end: Int, encoding: ByteEncoding, depth: Int,
                               inherited: TextEncoding, untilItemDelimiter: Bool = false,
                               onlyGroup: UInt16? = nil) throws(DICOMError) -> (DataSet, Int) {
        var dataSet = DataSet()
        dataSet.inheritedEncoding = inherited
        // A file's top level holds dozens of elements: grown one doubling at a time, it was copied six times.
        if depth == 0 { dataSet.reserveCapacity(Self.topLevelCapacity) }
        var position = start
        while position < end {
            if let group = onlyGroup, end - position >= 2 {
                try ensureLoaded(position, 2)
                if load16(position, encoding) != group { break }
            }
            try require(8, at: position, end: end, context: "element header")
            let tag = Tag(load16(position, encoding), load16(position + 2, encoding))
            if tag == .itemDelimitationItem, untilItemDelimiter { return (dataSet, position + 8) }
            if tag.group == 0xFFFE {
                throw .malformedSequence(name: name, tag: tag, offset: position,
                                         reason: "item or delimiter found where a data element was expected")
            }
            try countElement(at: position)
            let (element, next) = try parseElement(tag, at: position, end: end, encoding: encoding, depth: depth,
                                                   textEncoding: dataSet.textEncoding, bitsAllocated: dataSet)
            reorderMoves += dataSet.insertCountingMoves(element)
            guard reorderMoves <= limits.maxReorderMoves else {
                throw .elementsOutOfOrder(name: name, tag: tag, offset: position, limit: limits.maxReorderMoves)
            }
            position = next
            if mode == .metadataOnly, depth == 0, tag.isPixelData { return (dataSet, position) }
        }
        if untilItemDelimiter {
            throw .truncated(name: name, offset: position, needed: 8, remaining: max(0, end - position),
                             context: "item delimitation item")
        }
        return (dataSet, position)
    }

    private mutating func parseElement(_ tag: Tag, at position: Int, end: Int, encoding: ByteEncoding, depth: Int,
                                       textEncoding: TextEncoding,
                                       bitsAllocated owner: DataSet) throws(DICOMError) -> (DataElement, Int) {
        let (vr, length, headerSize) = try readHeader(tag, at: position, end: end, encoding: encoding)
        let valueStart = position + headerSize
        if length == DataSetParser.undefinedLength {
            if vr == .SQ || vr == .UN {
                let itemEncoding = vr == .UN ? ByteEncoding.implicitLittle : encoding
                let (items, next) = try parseItems(tag, at: position, from: valueStart, to: end, undefined: true,
                                                   encoding: itemEncoding, depth: depth, inherited: textEncoding)
                return (DataElement(tag: tag, vr: .SQ, value: .sequence(items)), next)
            }
            if tag == .pixelData {
                let (pixels, next) = try parseEncapsulated(at: position, from: valueStart, to: end)
                return (DataElement(tag: tag, vr: vr, value: .encapsulated(pixels)), next)
            }
            throw .undefinedLengthNotAllowed(name: name, tag: tag, vr: vr, offset: position)
        }
        let remaining = end - valueStart
        // Metadata-only: top-level pixel data that runs past the end is recorded as what is there, so the
        // header stays usable and decoding that image alone reports the shortfall (pixelDataTooShort).
        if mode == .metadataOnly, tag.isPixelData, depth == 0, Int(length) > remaining {
            if positionsAreFileOffsets { pixelDataLocation = (valueStart, remaining) }
            return (DataElement(tag: tag, vr: vr, value: .notLoaded(offset: valueStart, length: remaining)), end)
        }
        guard Int(length) <= remaining else {
            throw .lengthExceedsData(name: name, tag: tag, offset: position, length: length, remaining: remaining)
        }
        let count = Int(length)
        if count % 2 == 1, !limits.allowOddLengths, vr != .OB, vr != .UN {
            throw .oddLength(name: name, tag: tag, offset: position, length: length)
        }
        let next = valueStart + count
        if vr == .SQ {
            let (items, _) = try parseItems(tag, at: position, from: valueStart, to: next, undefined: false,
                                            encoding: encoding, depth: depth, inherited: textEncoding)
            return (DataElement(tag: tag, vr: vr, value: .sequence(items)), next)
        }
        if tag.isPixelData, depth == 0 {
            if positionsAreFileOffsets { pixelDataLocation = (valueStart, count) }
            if mode == .metadataOnly {
                return (DataElement(tag: tag, vr: vr, value: .notLoaded(offset: valueStart, length: count)), next)
            }
        }
        try ensureLoaded(valueStart, count)
        var value = copy(from: valueStart, count: count)
        if encoding.bigEndian {
            let unit = PixelByteOrder.swapUnit(tag: tag, vr: vr, bitsAllocated: owner.int(.bitsAllocated))
            value.withUnsafeMutableBytes { BinaryValues.swapBytes($0, unit: unit) }
        }
        return (DataElement(tag: tag, vr: vr, value: .bytes(value)), next)
    }

    private mutating func readHeader(_ tag: Tag, at position: Int, end: Int,
                                     encoding: ByteEncoding) throws(DICOMError) -> (VR, UInt32, Int) {
        guard encoding.explicitVR else {
            return (ImplicitVRDictionary.vr(for: tag), load32(position + 4, encoding), 8)
        }
        let first = bytes[position + 4]
        let second = bytes[position + 5]
        guard let vr = VR(bytes: first, second) else {
            let hex = String(format: "0x%02X 0x%02X", first, second)
            throw .invalidVR(name: name, tag: tag, offset: position, bytes: hex)
        }
        guard vr.hasLongLength else { return (vr, UInt32(load16(position + 6, encoding)), 8) }
        try require(12, at: position, end: end, context: "element header of \(tag)")
        return (vr, load32(position + 8, encoding), 12)
    }

    private mutating func parseItems(_ tag: Tag, at headerPosition: Int, from start: Int, to end: Int, undefined: Bool,
                                     encoding: ByteEncoding, depth: Int,
                                     inherited: TextEncoding) throws(DICOMError) -> ([DataSet], Int) {
        guard depth < limits.maxSequenceDepth else {
            throw .sequenceTooDeep(name: name, tag: tag, offset: headerPosition, limit: limits.maxSequenceDepth)
        }
        var items: [DataSet] = []
        var position = start
        while undefined || position < end {
            try require(8, at: position, end: end, context: undefined ? "item or sequence delimiter" : "item header")
            let itemTag = Tag(load16(position, encoding), load16(position + 2, encoding))
            let length = load32(position + 4, encoding)
            if itemTag == .sequenceDelimitationItem, undefined { return (items, position + 8) }
            guard itemTag == .item else {
                throw .malformedSequence(name: name, tag: tag, offset: position,
                                         reason: "expected an item (FFFE,E000) in the sequence but found \(itemTag)")
            }
            try countElement(at: position)
            if length == DataSetParser.undefinedLength {
                let (item, next) = try parseDataSet(from: position + 8, to: end, encoding: encoding, depth: depth + 1,
                                                    inherited: inherited, untilItemDelimiter: true)
                items.append(item)
                position = next
            } else {
                let itemEnd = try checkedEnd(of: .item, at: position, length: length, end: end)
                let (item, _) = try parseDataSet(from: position + 8, to: itemEnd, encoding: encoding,
                                                 depth: depth + 1, inherited: inherited)
                items.append(item)
                position = itemEnd
            }
        }
        return (items, position)
    }

    private mutating func parseEncapsulated(at headerPosition: Int, from start: Int,
                                            to end: Int) throws(DICOMError) -> (EncapsulatedPixelData, Int) {
        let encoding = ByteEncoding.explicitLittle
        let (tableTag, tableLength) = try itemHeader(at: start, end: end, context: "Basic Offset Table item")
        guard tableTag == .item else {
            throw .malformedSequence(name: name, tag: .pixelData, offset: start,
                                     reason: "encapsulated pixel data must start with a Basic Offset Table item")
        }
        let tableEnd = try checkedEnd(of: .item, at: start, length: tableLength, end: end)
        guard tableLength % 4 == 0 else {
            throw .malformedSequence(name: name, tag: .pixelData, offset: start,
                                     reason: "Basic Offset Table length \(tableLength) is not a multiple of 4")
        }
        try ensureLoaded(start + 8, tableEnd - start - 8)
        let table = stride(from: start + 8, to: tableEnd, by: 4).map { load32($0, encoding) }
        var fragments: [Fragment] = []
        var position = tableEnd
        while true {
            let (tag, length) = try itemHeader(at: position, end: end, context: "fragment item or sequence delimiter")
            if tag == .sequenceDelimitationItem {
                let pixels = EncapsulatedPixelData(basicOffsetTable: table, parsedFragments: fragments)
                return (pixels, position + 8)
            }
            guard tag == .item else {
                throw .malformedSequence(name: name, tag: .pixelData, offset: position,
                                         reason: "expected a fragment item (FFFE,E000) but found \(tag)")
            }
            try countElement(at: position)
            let fragmentEnd = try checkedEnd(of: .item, at: position, length: length, end: end)
            let count = fragmentEnd - position - 8
            if mode == .full { try ensureLoaded(position + 8, count) }
            let data = mode == .full ? copy(from: position + 8, count: count) : nil
            fragments.append(Fragment(itemOffset: position - tableEnd,
                                      sourceOffset: positionsAreFileOffsets ? position + 8 : nil,
                                      length: count, data: data))
            position = fragmentEnd
        }
    }

    /// The tag and length of the item header at `position` in encapsulated pixel data (always explicit little
    /// endian): from the loaded bytes, or, past them in a metadata-only file read, with one 8-byte read.
    private mutating func itemHeader(at position: Int, end: Int,
                                     context: @autoclosure () -> String) throws(DICOMError) -> (Tag, UInt32) {
        let encoding = ByteEncoding.explicitLittle
        if position + 8 > bytes.count, end - position >= 8, mode == .metadataOnly, let file {
            var header: (UInt16, UInt16, UInt32) = (0, 0, 0)
            try withUnsafeMutableBytes(of: &header) { (raw) throws(DICOMError) in try file.readExactly(into: raw, at: position) }
            return (Tag(UInt16(littleEndian: header.0), UInt16(littleEndian: header.1)), UInt32(littleEndian: header.2))
        }
        try require(8, at: position, end: end, context: context())
        return (Tag(load16(position, encoding), load16(position + 2, encoding)), load32(position + 4, encoding))
    }

    /// The end of an item's value, after checking its length is defined and fits in the bytes that remain.
    private func checkedEnd(of tag: Tag, at position: Int, length: UInt32, end: Int) throws(DICOMError) -> Int {
        let remaining = end - position - 8
        guard length != DataSetParser.undefinedLength, Int(length) <= remaining else {
            throw .lengthExceedsData(name: name, tag: tag, offset: position, length: length, remaining: remaining)
        }
        return position + 8 + Int(length)
    }

    private mutating func require(_ count: Int, at position: Int, end: Int,
                                  context: @autoclosure () -> String) throws(DICOMError) {
        guard end - position >= count else {
            throw .truncated(name: name, offset: position, needed: count, remaining: max(0, end - position),
                             context: context())
        }
        try ensureLoaded(position, count)
    }

    /// Checks that `count` bytes at `position` are in the loaded prefix (the caller has checked them against
    /// the real end); otherwise records how much is needed and stops the parse.
    private mutating func ensureLoaded(_ position: Int, _ count: Int) throws(DICOMError) {
        guard position + count > bytes.count else { return }
        bytesNeeded = position + count
        throw .truncated(name: name, offset: position, needed: count, remaining: max(0, bytes.count - position),
                         context: "bytes beyond the part of the file read so far")
    }

    private mutating func countElement(at position: Int) throws(DICOMError) {
        elementCount += 1
        guard elementCount <= limits.maxElements else {
            throw .tooManyElements(name: name, offset: position, limit: limits.maxElements)
        }
    }

    /// The `count` bytes at `position` (the caller has checked the range): large values share the owner's
    /// bytes, small ones are copied (small `Data` values are stored inline or in one allocation).
    private func copy(from position: Int, count: Int) -> Data {
        if count >= DataSetParser.shareThreshold, let sharedBuffer {
            return sharedBuffer.sharedData(position..<(position + count))
        }
        return Data(UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)]))
    }

    private func load16(_ position: Int, _ encoding: ByteEncoding) -> UInt16 {
        let raw = bytes.loadUnaligned(fromByteOffset: position, as: UInt16.self)
        return encoding.bigEndian ? UInt16(bigEndian: raw) : UInt16(littleEndian: raw)
    }

    private func load32(_ position: Int, _ encoding: ByteEncoding) -> UInt32 {
        let raw = bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self)
        return encoding.bigEndian ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
    }
}
