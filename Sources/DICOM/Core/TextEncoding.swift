import Foundation

/// How text values are decoded, chosen from Specific Character Set (0008,0005).
///
/// Supported: the default repertoire, ISO_IR 100 (Latin-1) and ISO_IR 192 (UTF-8).
/// Other character sets (including ISO 2022 code extensions) fall back to UTF-8 when the bytes
/// are valid UTF-8 and to Latin-1 otherwise, so decoding never fails.
public enum TextEncoding: Sendable, Equatable {
    /// The default repertoire (ASCII); bytes above 0x7F are shown as Latin-1.
    case defaultRepertoire
    /// ISO_IR 100, ISO 8859-1.
    case latin1
    /// ISO_IR 192, UTF-8.
    case utf8
    /// A character set this reader does not decode exactly (best-effort fallback).
    case other(String)

    /// The encoding for a Specific Character Set value (first value wins; empty means default).
    public init(specificCharacterSet value: String) {
        let first = value.split(separator: "\\", omittingEmptySubsequences: false).first ?? ""
        switch first.trimmingCharacters(in: .whitespaces) {
        case "", "ISO_IR 6", "ISO 2022 IR 6": self = .defaultRepertoire
        case "ISO_IR 100", "ISO 2022 IR 100": self = .latin1
        case "ISO_IR 192": self = .utf8
        default: self = .other(String(first))
        }
    }

    /// The encoding for the raw bytes of a Specific Character Set value. Plain ASCII values (all real ones) are
    /// matched byte by byte; anything else goes through `init(specificCharacterSet:)` with Latin-1 decoding.
    init(specificCharacterSetValue data: Data) {
        let fast: TextEncoding?? = data.withUnsafeBytes { raw -> TextEncoding?? in
            var end = raw.firstIndex(of: 0x5C) ?? raw.count  // first value only
            var start = 0
            guard raw[..<end].allSatisfy({ $0 < 0x80 }) else { return nil }
            while start < end, raw[start] == 0x20 || raw[start] == 0x09 { start += 1 }
            while end > start, raw[end - 1] == 0x20 || raw[end - 1] == 0x09 { end -= 1 }
            let value = UnsafeRawBufferPointer(rebasing: raw[start..<end])
            if value.isEmpty || value.elementsEqual("ISO_IR 6".utf8) || value.elementsEqual("ISO 2022 IR 6".utf8) {
                return .defaultRepertoire
            }
            if value.elementsEqual("ISO_IR 100".utf8) || value.elementsEqual("ISO 2022 IR 100".utf8) { return .latin1 }
            if value.elementsEqual("ISO_IR 192".utf8) { return .utf8 }
            return .some(nil)
        }
        if case .some(.some(let encoding)) = fast {
            self = encoding
        } else {
            self.init(specificCharacterSet: TextEncoding.defaultRepertoire.decode(data))
        }
    }

    /// Decodes bytes as text in this encoding.
    public func decode(_ data: Data) -> String {
        switch self {
        case .utf8:
            return String(decoding: data, as: UTF8.self)
        case .defaultRepertoire, .latin1:
            return TextEncoding.latin1String(data)
        case .other:
            return String(data: data, encoding: .utf8) ?? TextEncoding.latin1String(data)
        }
    }

    private static func latin1String(_ data: Data) -> String {
        if data.withUnsafeBytes({ $0.allSatisfy { $0 < 0x80 } }) { return String(decoding: data, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: data.map { Unicode.Scalar($0) })
        return String(scalars)
    }
}
