import Raster

/// What a golden suite run found (also its JSON form): the settings, the counts and one entry per pair.
public struct GoldenSuiteReport: Sendable, Encodable {
    /// The outcome for one pair.
    public struct Entry: Sendable, Encodable {
        /// same / different: compared; missing, unreadable, size-mismatch: could not be compared.
        public enum Status: String, Sendable, Encodable { case same, different, missing, unreadable, sizeMismatch = "size-mismatch" }
        public var path: String
        public var status: Status
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
    public var compared: Int
    public var same: Int
    public var different: Int
    /// Pairs that could not be compared (missing, unreadable or of another size).
    public var failed: Int
    public var entries: [Entry]

    /// The report of `entries`, counted.
    public init(tolerance: Int, maxFraction: Double, entries: [Entry]) {
        self.tolerance = tolerance
        self.maxFraction = maxFraction
        self.entries = entries
        compared = entries.count
        same = entries.filter { $0.status == .same }.count
        different = entries.filter { $0.status == .different }.count
        failed = compared - same - different
    }
}
