import Foundation
import Raster

/// What a golden suite run found (also its JSON form): the settings, the counts and one entry per pair.
public struct GoldenSuiteReport: Sendable, Encodable {
    /// The outcome for one pair.
    public struct Entry: Sendable, Encodable {
        /// same / different: compared; missing, unreadable, size-mismatch: could not be compared.
        public enum Status: String, Sendable, Encodable { case same, different, missing, unreadable, sizeMismatch = "size-mismatch" }
        public var path: String
        public var status: Status
        /// The compared files.
        public var expectedFile: String?
        public var actualFile: String?
        public var difference: ImageDifference?
        public var message: String?
        /// The diff image written for a pair that differs.
        public var diffImage: String?

        public init(path: String, status: Status, difference: ImageDifference? = nil, message: String? = nil, diffImage: String? = nil) {
            self.path = path
            self.status = status
            self.difference = difference
            self.message = message
            self.diffImage = diffImage
        }
    }

    public var tolerance: Int
    public var maxFraction: Double
    public var minSSIM: Double?
    public var ignoredRects: Int
    public var maskFile: String?
    public var compared: Int
    public var same: Int
    public var different: Int
    /// Pairs that could not be compared (missing, unreadable or of another size).
    public var failed: Int
    public var entries: [Entry]

    /// The report of `entries`, compared by `suite`, counted.
    public init(suite: GoldenSuite, entries: [Entry]) {
        tolerance = suite.tolerance
        maxFraction = suite.maxFraction
        minSSIM = suite.minSSIM
        ignoredRects = suite.ignoredRects.count
        maskFile = suite.maskFile?.path
        self.entries = entries
        compared = entries.count
        same = entries.filter { $0.status == .same }.count
        different = entries.filter { $0.status == .different }.count
        failed = compared - same - different
    }

    /// The pass rule in words.
    public var rule: String {
        if let minSSIM { return "SSIM ≥ \(minSSIM)" }
        if maxFraction == 0 { return "no pixel above tolerance \(tolerance)" }
        return "at most \(String(format: "%g", maxFraction * 100)) % of pixels above tolerance \(tolerance)"
    }

    /// The entries, failures first (different, size mismatch, unreadable, missing, then same), each kind by path.
    public var entriesFailuresFirst: [Entry] {
        let order: [Entry.Status] = [.different, .sizeMismatch, .unreadable, .missing, .same]
        return entries.sorted { a, b in
            let i = order.firstIndex(of: a.status)!, j = order.firstIndex(of: b.status)!
            return i != j ? i < j : a.path < b.path
        }
    }
}
