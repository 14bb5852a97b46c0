/// Bounds that protect the reader against hostile or corrupt files; exceeding one is a typed error.
public struct DICOMReadLimits: Sendable, Equatable {
    /// Deepest allowed nesting of sequences.
    public var maxSequenceDepth: Int
    /// Most elements (items and fragments included) read from one file.
    public var maxElements: Int
    /// Largest data set a deflated file may inflate to, in bytes.
    public var maxInflatedBytes: Int
    /// Accept odd value lengths everywhere (legacy writers); by default odd lengths are accepted only
    /// where the value is a byte stream read by its explicit length: OB and UN values and encapsulated fragments.
    public var allowOddLengths: Bool

    /// Creates limits; the defaults suit any real image.
    public init(maxSequenceDepth: Int = 64, maxElements: Int = 1_000_000,
                maxInflatedBytes: Int = 2 << 30, allowOddLengths: Bool = false) {
        self.maxSequenceDepth = maxSequenceDepth
        self.maxElements = maxElements
        self.maxInflatedBytes = maxInflatedBytes
        self.allowOddLengths = allowOddLengths
    }

    /// The default limits: depth 64, one million elements, 2 GiB inflated, odd lengths only in byte streams.
    public static let `default` = DICOMReadLimits()
}
