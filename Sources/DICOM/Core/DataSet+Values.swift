import Foundation

/// Typed accessors that read element values; the non-throwing ones return nil for absent or malformed values.
extension DataSet {
    /// The raw value bytes (little-endian for binary VRs), or nil when absent or not a byte value.
    public func bytes(_ tag: Tag) -> Data? {
        guard let element = self[tag], case .bytes(let data) = element.value else { return nil }
        return data
    }

    /// The items of a sequence, or nil when absent or not a sequence.
    public func sequence(_ tag: Tag) -> [DataSet]? {
        guard let element = self[tag], case .sequence(let items) = element.value else { return nil }
        return items
    }

    /// The whole text value decoded per Specific Character Set and trimmed of padding, or nil.
    public func string(_ tag: Tag) -> String? {
        guard let element = self[tag], case .bytes(let data) = element.value else { return nil }
        let vr = valueVR(element)
        if let fast = data.withUnsafeBytes({ DataSet.asciiText($0, vr: vr) }) { return fast }
        return trim(textEncoding.decode(data), vr: vr)
    }

    /// The text values split on backslash, each trimmed, or nil.
    public func strings(_ tag: Tag) -> [String]? {
        guard let element = self[tag], case .bytes(let data) = element.value else { return nil }
        let vr = valueVR(element)
        if let fast = data.withUnsafeBytes({ DataSet.asciiTexts($0, vr: vr) }) { return fast }
        let text = textEncoding.decode(data)
        return text.split(separator: "\\", omittingEmptySubsequences: false).map { trim(String($0), vr: vr) }
    }

    /// `string` for pure ASCII bytes, trimmed byte by byte (every supported encoding reads ASCII as ASCII, and
    /// ASCII has no combining marks, so this equals decoding and trimming Characters); nil for other bytes.
    private static func asciiText(_ raw: UnsafeRawBufferPointer, vr: VR) -> String? {
        guard raw.allSatisfy({ $0 < 0x80 }) else { return nil }
        return trimmedASCII(raw, vr: vr)
    }

    /// `strings` for pure ASCII bytes: split on backslash bytes, each value trimmed byte by byte; nil for other bytes.
    private static func asciiTexts(_ raw: UnsafeRawBufferPointer, vr: VR) -> [String]? {
        guard raw.allSatisfy({ $0 < 0x80 }) else { return nil }
        var values: [String] = []
        var start = 0
        for index in 0...raw.count where index == raw.count || raw[index] == 0x5C {
            values.append(trimmedASCII(UnsafeRawBufferPointer(rebasing: raw[start..<index]), vr: vr))
            start = index + 1
        }
        return values
    }

    private static func trimmedASCII(_ raw: UnsafeRawBufferPointer, vr: VR) -> String {
        var start = 0
        var end = raw.count
        while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x00 { end -= 1 }
        if !vr.keepsLeadingSpaces {
            while start < end, raw[start] == 0x20 || raw[start] == 0x00 { start += 1 }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<end]), as: UTF8.self)
    }

    /// The first value as an integer (US/SS/UL/SL/SV/UV binary, IS text), or nil.
    /// Binary values are read in place, without the array `ints` builds (a pixel description asks for a dozen).
    public func int(_ tag: Tag) -> Int? {
        guard let element = self[tag], case .bytes(let data) = element.value else { return nil }
        switch valueVR(element) {
        case .US: return DataSet.first(data, as: UInt16.self).map(Int.init)
        case .SS: return DataSet.first(data, as: Int16.self).map(Int.init)
        case .UL: return DataSet.first(data, as: UInt32.self).map(Int.init)
        case .SL: return DataSet.first(data, as: Int32.self).map(Int.init)
        case .SV: return DataSet.first(data, as: Int64.self).map(Int.init)
        default: return ints(tag)?.first
        }
    }

    /// The first whole little-endian value of type T in `data`, or nil when it holds none.
    private static func first<T: BitwiseCopyable>(_ data: Data, as type: T.Type) -> T? {
        guard data.count >= MemoryLayout<T>.size else { return nil }
        return data.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }

    /// All values as integers (US/SS/UL/SL/SV/UV binary, IS text), or nil when absent or unparseable.
    public func ints(_ tag: Tag) -> [Int]? {
        guard let element = self[tag], case .bytes(let data) = element.value else { return nil }
        switch valueVR(element) {
        case .US: return BinaryValues.decode(data, as: UInt16.self).map(Int.init)
        case .SS: return BinaryValues.decode(data, as: Int16.self).map(Int.init)
        case .UL: return BinaryValues.decode(data, as: UInt32.self).map(Int.init)
        case .SL: return BinaryValues.decode(data, as: Int32.self).map(Int.init)
        case .SV: return BinaryValues.decode(data, as: Int64.self).map(Int.init)
        case .UV: return BinaryValues.decode(data, as: UInt64.self).compactMap { Int(exactly: $0) }
        case .IS, .DS: return numberTexts(tag)?.map { Double($0).flatMap { Int(exactly: $0) } }.allOrNil()
        default: return nil
        }
    }

    /// The first value as a number (DS/IS text, FL/FD, integer VRs), or nil.
    /// A single ASCII DS/IS value (a rescale slope) and binary values are read in place, without the arrays
    /// `doubles` builds; anything else goes through `doubles`.
    public func double(_ tag: Tag) -> Double? {
        guard let element = self[tag], case .bytes(let data) = element.value else { return nil }
        let vr = valueVR(element)
        switch vr {
        case .FL, .OF: return DataSet.first(data, as: Float.self).map(Double.init)
        case .FD, .OD: return DataSet.first(data, as: Double.self)
        case .DS, .IS:
            let single: Double?? = data.withUnsafeBytes { raw in
                guard raw.allSatisfy({ $0 < 0x80 && $0 != 0x5C }) else { return nil }
                let text = DataSet.trimmedASCII(raw, vr: vr)
                return .some(text.isEmpty ? nil : DataSet.parseDecimal(text))
            }
            return single ?? doubles(tag)?.first
        default: return doubles(tag)?.first
        }
    }

    /// All values as numbers (DS/IS text, FL/FD/OF/OD, integer VRs), or nil when absent or any value is unparseable.
    public func doubles(_ tag: Tag) -> [Double]? {
        guard let element = self[tag], case .bytes(let data) = element.value else { return nil }
        switch valueVR(element) {
        case .FL, .OF: return BinaryValues.decode(data, as: Float.self).map(Double.init)
        case .FD, .OD: return BinaryValues.decode(data, as: Double.self)
        case .DS, .IS: return numberTexts(tag)?.map(DataSet.parseDecimal).allOrNil()
        default: return ints(tag)?.map(Double.init)
        }
    }

    /// The first value as a number, or a typed error naming the tag (missing, or text that is not a number).
    public func requireDouble(_ tag: Tag) throws(DICOMError) -> Double {
        guard let first = try requireDoubles(tag).first else { throw .missingElement(tag: tag) }
        return first
    }

    /// All values as numbers, or a typed error naming the tag and the offending text.
    public func requireDoubles(_ tag: Tag) throws(DICOMError) -> [Double] {
        guard contains(tag) else { throw .missingElement(tag: tag) }
        if let values = doubles(tag) { return values }
        throw .invalidNumber(tag: tag, text: string(tag) ?? "<\(self[tag]?.vr.description ?? "?") value>")
    }

    /// The first value as an integer, or a typed error naming the tag and the offending text.
    public func requireInt(_ tag: Tag) throws(DICOMError) -> Int {
        if let value = int(tag) { return value }
        guard contains(tag) else { throw .missingElement(tag: tag) }
        throw .invalidNumber(tag: tag, text: string(tag) ?? "<\(self[tag]?.vr.description ?? "?") value>")
    }

    /// The text value, or a typed error when the element is absent.
    public func requireString(_ tag: Tag) throws(DICOMError) -> String {
        guard let value = string(tag) else { throw .missingElement(tag: tag) }
        return value
    }

    /// The VR to interpret a value by: an explicit UN element of a tag the dictionary knows (as some
    /// writers emit) is read as the dictionary's VR, as PS3.5 §6.2.2 allows.
    private func valueVR(_ element: DataElement) -> VR {
        element.vr == .UN ? ImplicitVRDictionary.vr(for: element.tag) : element.vr
    }

    /// Parses one DS/IS value; nil for text that is not a finite decimal number.
    static func parseDecimal(_ text: String) -> Double? {
        guard !text.isEmpty,
              text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E || $0 == 0x45 || $0 == 0x65 }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private func numberTexts(_ tag: Tag) -> [String]? {
        guard let values = strings(tag) else { return nil }
        if values.count == 1, values[0].isEmpty { return [] }
        return values
    }

    private func trim(_ text: String, vr: VR) -> String {
        let padding: (Character) -> Bool = { $0 == " " || $0 == "\0" }
        var result = Substring(text)
        while let last = result.last, padding(last) { result.removeLast() }
        if !vr.keepsLeadingSpaces {
            while let first = result.first, padding(first) { result.removeFirst() }
        }
        return String(result)
    }
}

extension Array {
    /// The unwrapped array when no element is nil, else nil.
    func allOrNil<Wrapped>() -> [Wrapped]? where Element == Wrapped? {
        var result: [Wrapped] = []
        result.reserveCapacity(count)
        for value in self {
            guard let value else { return nil }
            result.append(value)
        }
        return result
    }
}
