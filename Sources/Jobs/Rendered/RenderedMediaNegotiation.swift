import Foundation

/// Chooses the media type of a rendered response from an Accept list (RFC 9110 §12.5.1, PS3.18 §8.7): the
/// acceptable type with the highest q-value; among equal q-values the one named by the more specific range
/// (image/png over image/* over */*), then the one listed first, then image/jpeg. `multipart/related; type="image/png"` counts as image/png. No list, or
/// only wildcards: image/jpeg, the standard's default for single-frame images.
enum RenderedMediaNegotiation {
    /// The longest Accept value read, and the most media ranges in it.
    static let maximumLength = 4096
    static let maximumRanges = 64

    /// The media type to render. `metadata`: the response is the Annex K module (`application/dicom+json`), so the
    /// list must accept that; images are then not sent and the returned type is the one images would have had.
    static func choose(_ accept: String?, source: String, metadata: Bool) throws(RenderedResourceError) -> RenderedMediaType {
        guard let accept, !accept.allSatisfy({ $0 == " " || $0 == "\t" }) else { return .jpeg }
        guard accept.utf8.count <= maximumLength else {
            throw .invalidParameter(name: "accept", value: String(accept.prefix(40)) + "…", reason: "longer than \(maximumLength) characters")
        }
        let ranges = try parse(accept, source: source)
        if metadata {
            guard ranges.contains(where: { $0.q > 0 && ["application/dicom+json", "application/*", "*/*"].contains($0.type) }) else {
                throw .notAcceptable("renderedvolumetricmetadata=yes answers application/dicom+json, which \(source) (\(accept.prefix(200))) does not accept")
            }
            return .jpeg
        }
        // Each type's q is that of the most specific range naming it (RFC 9110 §12.5.1), the first of equals.
        var best: (type: RenderedMediaType, q: Double, specificity: Int, index: Int)?
        for type in [RenderedMediaType.jpeg, .png] {
            var decided: (q: Double, specificity: Int, index: Int)?
            for (index, range) in ranges.enumerated() {
                guard let specificity = matches(range.type, type), specificity > (decided?.specificity ?? -1) else { continue }
                decided = (range.q, specificity, index)
            }
            guard let decided, decided.q > 0 else { continue }
            if let b = best, (b.q, b.specificity, -b.index) >= (decided.q, decided.specificity, -decided.index) { continue }
            best = (type, decided.q, decided.specificity, decided.index)
        }
        guard let best else {
            throw .notAcceptable("\(source) (\(accept.prefix(200))) accepts none of the media types rendered here: image/png, image/jpeg")
        }
        return best.type
    }

    /// How specifically `range` names `type`: 2 exactly, 1 for image/*, 0 for */*; nil when it does not.
    private static func matches(_ range: String, _ type: RenderedMediaType) -> Int? {
        switch range {
        case type.rawValue: return 2
        case "image/*": return 1
        case "*/*": return 0
        default: return nil
        }
    }

    /// The media ranges of an Accept list, lower-cased, with their q-values.
    private static func parse(_ accept: String, source: String) throws(RenderedResourceError) -> [(type: String, q: Double)] {
        let items = accept.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard items.count <= maximumRanges else {
            throw .invalidParameter(name: "accept", value: String(accept.prefix(40)) + "…", reason: "lists \(items.count) media ranges; at most \(maximumRanges)")
        }
        var ranges: [(type: String, q: Double)] = []
        for item in items {
            let fields = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            var type = (fields.first ?? "").lowercased()
            let pieces = type.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty, type.allSatisfy(isTokenCharacter) else {
                throw .invalidParameter(name: "accept", value: String(item.prefix(80)), reason: "in \(source): not a media type (type/subtype)")
            }
            var q = 1.0
            for field in fields.dropFirst() {
                let pair = field.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2 else { continue }
                let name = pair[0].lowercased(), value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if name == "q" {
                    guard value.utf8.count <= 5, let v = RenderedNumber.decimal(value), v >= 0, v <= 1, !value.contains("e"), !value.contains("E") else {
                        throw .invalidParameter(name: "accept", value: String(item.prefix(80)), reason: "in \(source): q must be a number 0…1 with at most 3 decimals")
                    }
                    q = v
                } else if name == "type", type == "multipart/related" {
                    type = value.lowercased()
                }
            }
            ranges.append((type, q))
        }
        return ranges
    }

    private static func isTokenCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || "!#$%&'*+-.^_`|~/".contains(c))
    }
}
