import Loading

/// What a command passed over while looking for series, counted for its messages.
public struct SkippedFiles: Sendable, Equatable {
    public var nonDICOM: Int
    public var nonImage: Int
    public var brokenLinks: Int

    /// The counts of a scan, plus the broken links of the listing it read.
    public init(_ scan: SeriesScanner.Result, brokenLinks: Int) {
        self.init(nonDICOM: scan.skipped.count, nonImage: scan.nonImage.count, brokenLinks: brokenLinks)
    }

    public init(nonDICOM: Int, nonImage: Int, brokenLinks: Int) {
        self.nonDICOM = nonDICOM
        self.nonImage = nonImage
        self.brokenLinks = brokenLinks
    }

    /// E.g. "3 non-DICOM files, 1 non-image DICOM object and 1 broken link skipped"; nil when nothing was skipped.
    public var summary: String? {
        let parts = [(nonDICOM, "non-DICOM file"), (nonImage, "non-image DICOM object"), (brokenLinks, "broken link")]
            .filter { $0.0 > 0 }
            .map { count, noun in "\(count) \(noun)\(count == 1 ? "" : "s")" }
        guard let last = parts.last else { return nil }
        let list = parts.count == 1 ? last : parts.dropLast().joined(separator: ", ") + " and " + last
        return list + " skipped"
    }
}
