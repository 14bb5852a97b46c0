import Foundation

/// A raw URI query component (`window=40%2C400&viewport=256,256`) as the decoded name/value pairs `parse` takes.
public enum RenderedQueryString {
    /// The longest raw query read.
    public static let maximumLength = 16384

    /// Splits at `&` and the first `=` of each item and percent-decodes both sides (`+` stays a plus: RFC 3986).
    /// Empty items are skipped; an item without `=` has an empty value. Throws `.invalidParameter` for a broken
    /// percent escape and `.tooLarge` past `maximumLength`.
    public static func pairs(_ raw: String) throws(RenderedResourceError) -> [(String, String)] {
        guard raw.utf8.count <= maximumLength else {
            throw .tooLarge("the query is \(raw.utf8.count) bytes long; at most \(maximumLength)")
        }
        var pairs: [(String, String)] = []
        for item in raw.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts[0].removingPercentEncoding,
                  let value = parts.count > 1 ? parts[1].removingPercentEncoding : "" else {
                throw .invalidParameter(name: String(parts[0].prefix(40)), value: String(item.prefix(80)), reason: "holds a broken percent escape (%XX)")
            }
            pairs.append((name, value))
        }
        return pairs
    }
}
