import Foundation

/// Converts the DICOM JSON Model (PS3.18 Annex F.2), as WADO-RS metadata returns it, into `DataSet`s.
///
/// - Text VRs (AE AS CS DA DT LO LT SH ST TM UC UI UR UT) join their values with backslashes; a JSON
///   `null` value stays an empty value. All text is stored as UTF-8 and Specific Character Set becomes
///   `ISO_IR 192`, because JSON text is Unicode whatever the original encoding was.
/// - PN values are objects with `Alphabetic`, `Ideographic` and `Phonetic` groups, joined with `=` as
///   in Part 10 (trailing empty groups dropped), so a plain name reads back as its Alphabetic group.
/// - IS and DS accept numbers or strings (the standard allows both); DS is written within 16 characters.
/// - Binary numbers (US SS UL SL SV UV FL FD) are encoded little-endian; SV/UV and FL/FD also accept
///   strings (large integers, `NaN`, `Infinity`). AT values are 8-hex-digit strings.
/// - SQ values are arrays of items, converted recursively.
/// - `InlineBinary` (base64) becomes the element's bytes. `BulkDataURI` elements are inserted with
///   empty bytes (so `contains` sees them) and their URIs are recorded in `bulkDataURIs`, keyed by the
///   element's path (`"7FE00010"`, or `"00540016/0/00181072"` inside a sequence item).
public enum DICOMJSON {
    /// One converted object: the data set and the bulk data it refers to.
    public struct Object: Sendable {
        public var dataSet: DataSet
        /// BulkDataURI per element path (tags as 8 hex digits, item indices in between, joined by `/`).
        public var bulkDataURIs: [String: String]
    }

    /// Decodes a JSON array of objects (series/study metadata) or a single object.
    public static func decode(_ data: Data) throws(DICOMError) -> [Object] {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw .malformedJSON(path: "", reason: "not JSON (\(error.localizedDescription))")
        }
        if let array = root as? [Any] {
            return try array.enumerated().map { (index, element) throws(DICOMError) in
                guard let object = element as? [String: Any] else {
                    throw .malformedJSON(path: "[\(index)]", reason: "expected an object per data set")
                }
                return try convert(object: object, path: "[\(index)]")
            }
        }
        if let object = root as? [String: Any] { return [try convert(object: object, path: "")] }
        throw .malformedJSON(path: "", reason: "expected an array of data sets or one data set")
    }

    /// Converts one decoded JSON object (as from `JSONSerialization`).
    public static func convert(object: [String: Any], path: String = "") throws(DICOMError) -> Object {
        var uris: [String: String] = [:]
        let dataSet = try dataSet(object, path: path, uriPrefix: "", uris: &uris)
        return Object(dataSet: dataSet, bulkDataURIs: uris)
    }

    private static func dataSet(_ object: [String: Any], path: String, uriPrefix: String,
                                uris: inout [String: String]) throws(DICOMError) -> DataSet {
        var ds = DataSet()
        // In tag order (keys are 8 hex digits): a dictionary's order would make each insert move about half the
        // elements, quadratic work for a large object.
        for (key, raw) in object.sorted(by: { (UInt32($0.key, radix: 16) ?? 0) < (UInt32($1.key, radix: 16) ?? 0) }) {
            let elementPath = path.isEmpty ? key : path + "/" + key
            guard let tag = parseTag(key) else {
                throw .malformedJSON(path: elementPath, reason: "'\(key)' is not a tag of 8 hex digits")
            }
            guard let attribute = raw as? [String: Any] else {
                throw .malformedJSON(path: elementPath, reason: "an attribute must be an object with \"vr\"")
            }
            guard let vrName = attribute["vr"] as? String, let vr = VR(vrName), VR.all.contains(vr) else {
                throw .malformedJSON(path: elementPath, reason: "missing or unknown vr \(String(describing: attribute["vr"]))")
            }
            let uriKey = uriPrefix.isEmpty ? key : uriPrefix + "/" + key
            if let uri = attribute["BulkDataURI"] as? String {
                uris[uriKey] = uri
                ds.set(tag, vr, bytes: Data())
                continue
            }
            if let base64 = attribute["InlineBinary"] as? String {
                guard let bytes = Data(base64Encoded: base64, options: [.ignoreUnknownCharacters]) else {
                    throw .malformedJSON(path: elementPath, reason: "InlineBinary is not base64")
                }
                ds.set(tag, vr, bytes: bytes)
                continue
            }
            let values: [Any]
            if let present = attribute["Value"] {
                guard let array = present as? [Any] else {
                    throw .malformedJSON(path: elementPath, reason: "\"Value\" must be an array")
                }
                values = array
            } else {
                values = []
            }
            if vr == .SQ {
                var items: [DataSet] = []
                for (index, item) in values.enumerated() {
                    guard let itemObject = item as? [String: Any] else {
                        throw .malformedJSON(path: "\(elementPath)[\(index)]", reason: "a sequence item must be an object")
                    }
                    items.append(try dataSet(itemObject, path: "\(elementPath)[\(index)]",
                                             uriPrefix: "\(uriKey)/\(index)", uris: &uris))
                }
                ds.set(tag, items: items)
                continue
            }
            try setValues(values, tag: tag, vr: vr, into: &ds, path: elementPath)
        }
        // Text is stored as UTF-8: say so where the JSON named another character set, and where
        // non-ASCII text would otherwise be read in the default repertoire.
        let nonASCII = ds.elements.contains { element in
            guard element.vr.isText, case .bytes(let data) = element.value else { return false }
            return data.contains { $0 >= 0x80 }
        }
        if ds.contains(.specificCharacterSet) || nonASCII { ds.set(.specificCharacterSet, .CS, "ISO_IR 192") }
        return ds
    }

    private static func setValues(_ values: [Any], tag: Tag, vr: VR, into ds: inout DataSet,
                                  path: String) throws(DICOMError) {
        func fail(_ reason: String) -> DICOMError { .malformedJSON(path: path, reason: reason) }
        switch vr {
        case .PN:
            var names: [String] = []
            for value in values {
                if value is NSNull { names.append(""); continue }
                if let text = value as? String { names.append(text); continue }  // lenient: a bare string
                guard let groups = value as? [String: Any] else { throw fail("a PN value must be an object") }
                var parts = ["Alphabetic", "Ideographic", "Phonetic"].map { groups[$0] as? String ?? "" }
                while let last = parts.last, last.isEmpty, parts.count > 1 { parts.removeLast() }
                names.append(parts.joined(separator: "="))
            }
            ds.set(tag, vr, names)
        case .AT:
            var words: [UInt16] = []
            for value in values {
                guard let text = value as? String, let at = parseTag(text) else { throw fail("an AT value must be 8 hex digits") }
                words += [at.group, at.element]
            }
            ds.set(tag, .AT, bytes: words.withUnsafeBufferPointer { Data(buffer: $0) }.littleEndianWords)
        case .US, .SS, .UL, .SL, .SV, .UV:
            var integers: [Int64] = []
            var unsigned: [UInt64] = []
            for value in values {
                if vr == .UV, let text = value as? String, let big = UInt64(text) { unsigned.append(big); continue }
                guard let number = integer(value) else { throw fail("\(vr) values must be integers, got \(value)") }
                integers.append(number)
                unsigned.append(UInt64(bitPattern: number))
            }
            if vr == .UV { ds.set(tag, vr, unsigned) } else { ds.set(tag, vr, integers) }
        case .FL, .FD:
            var doubles: [Double] = []
            for value in values {
                guard let number = double(value) else { throw fail("\(vr) values must be numbers, got \(value)") }
                doubles.append(number)
            }
            ds.set(tag, vr, doubles)
        case .IS:
            var texts: [String] = []
            for value in values {
                if value is NSNull { texts.append(""); continue }
                if let text = (value as? String)?.trimmingCharacters(in: .whitespaces) {
                    guard text.isEmpty || Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) != nil else {
                        throw fail("IS value '\(text)' is not an integer")
                    }
                    texts.append(text)
                    continue
                }
                guard let number = integer(value) else { throw fail("IS values must be integers, got \(value)") }
                texts.append(String(number))
            }
            ds.set(tag, vr, texts)
        case .DS:
            var texts: [String] = []
            for value in values {
                if value is NSNull { texts.append(""); continue }
                if let text = (value as? String)?.trimmingCharacters(in: .whitespaces) {
                    guard text.isEmpty || Double(text) != nil else { throw fail("DS value '\(text)' is not a number") }
                    texts.append(text)
                    continue
                }
                guard let number = double(value) else { throw fail("DS values must be numbers, got \(value)") }
                var one = DataSet()
                one.set(tag, .DS, number)
                texts.append(one.string(tag) ?? "")
            }
            ds.set(tag, vr, texts)
        case .OB, .OD, .OF, .OL, .OV, .OW, .UN:
            guard values.isEmpty else { throw fail("\(vr) carries InlineBinary or BulkDataURI, not Value") }
            ds.set(tag, vr, bytes: Data())
        default:
            // Text VRs: AE AS CS DA DT LO LT SH ST TM UC UI UR UT.
            var texts: [String] = []
            for value in values {
                if value is NSNull { texts.append(""); continue }
                if let text = value as? String { texts.append(text); continue }
                if let number = value as? NSNumber { texts.append(number.stringValue); continue }
                throw fail("\(vr) values must be strings, got \(value)")
            }
            if vr == .UI {
                // UIDs pad to even length with NUL, not space.
                var bytes = Data(texts.joined(separator: "\\").utf8)
                if bytes.count % 2 == 1 { bytes.append(0) }
                ds.set(tag, vr, bytes: bytes)
            } else {
                ds.set(tag, vr, texts)
            }
        }
    }

    /// A JSON number (or numeric string) as an exact integer.
    private static func integer(_ value: Any) -> Int64? {
        if let text = value as? String { return Int64(text.trimmingCharacters(in: .whitespaces)) }
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        if double == double.rounded(), abs(double) < 9.2e18 {
            // Integers beyond 2^53 keep their exact value through int64Value.
            return abs(double) < 9.0e15 ? Int64(double) : number.int64Value
        }
        return nil
    }

    /// A JSON number, or a string holding a number, `NaN`, `Infinity` or `-Infinity`.
    private static func double(_ value: Any) -> Double? {
        if let number = value as? NSNumber { return number.doubleValue }
        guard let text = (value as? String)?.trimmingCharacters(in: .whitespaces) else { return nil }
        switch text {
        case "NaN": return .nan
        case "Infinity", "+Infinity", "inf": return .infinity
        case "-Infinity", "-inf": return -.infinity
        default: return Double(text)
        }
    }

    /// "0020000D" → (0020,000D).
    static func parseTag(_ text: String) -> Tag? {
        guard text.utf8.count == 8, let packed = UInt32(text, radix: 16) else { return nil }
        return Tag(UInt16(packed >> 16), UInt16(packed & 0xFFFF))
    }
}

private extension Data {
    /// The bytes of host-order UInt16 words, as little-endian.
    var littleEndianWords: Data {
        guard UInt16(1).littleEndian != 1 else { return self }
        var copy = self
        copy.withUnsafeMutableBytes { raw in
            for i in stride(from: 0, to: raw.count - 1, by: 2) { raw.swapAt(i, i + 1) }
        }
        return copy
    }
}
