import Foundation

/// Bounds that protect the reader against hostile or corrupt files; exceeding one is a typed error that
/// states the numbers, raised before anything of that size is allocated.
///
/// Lengths declared in headers need no limit of their own: every element, item and fragment length is
/// checked against the bytes the file really supplies before it is used, so a header cannot make the
/// reader allocate more than the file's size (see `DICOMError.lengthExceedsData`).
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
    /// Most bytes that decoding the frames asked for may produce (Number of Frames × Rows × Columns ×
    /// Samples per Pixel × bytes per sample); also capped by the machine's physical memory. Checked by
    /// `DICOMFile.checkPixelBudget(frames:)` before any output buffer is allocated.
    public var maxDecodedBytes: Int
    /// Most elements moved, over the whole file, to sort elements written out of tag order: a few stray elements
    /// are put in place, while a file written in reverse order (each element moving all those after it, quadratic
    /// work: minutes for a million elements) is refused.
    public var maxReorderMoves: Int

    /// Creates limits; the defaults suit any real image.
    public init(maxSequenceDepth: Int = 64, maxElements: Int = 1_000_000,
                maxInflatedBytes: Int = 2 << 30, allowOddLengths: Bool = false,
                maxDecodedBytes: Int = 4 << 30, maxReorderMoves: Int = 1 << 22) {
        self.maxSequenceDepth = maxSequenceDepth
        self.maxElements = maxElements
        self.maxInflatedBytes = maxInflatedBytes
        self.allowOddLengths = allowOddLengths
        self.maxDecodedBytes = maxDecodedBytes
        self.maxReorderMoves = maxReorderMoves
    }

    /// The default limits: depth 64, one million elements, 2 GiB inflated, 4 GiB decoded (or physical memory,
    /// if smaller), odd lengths only in byte streams, about four million element moves to sort stray elements.
    public static let `default` = DICOMReadLimits()

    /// `maxDecodedBytes`, or the physical memory when that is smaller.
    public var effectiveMaxDecodedBytes: Int {
        let physical = ProcessInfo.processInfo.physicalMemory
        return physical > 0 && physical < UInt64(Int.max) ? min(maxDecodedBytes, Int(physical)) : maxDecodedBytes
    }
}
