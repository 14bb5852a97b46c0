import Foundation

/// Joins the reports of every shard of a thumbnails run into the report of the whole archive (shard "0/1"),
/// after checking that they make one: the same shard count and layout, every shard exactly once, every series in
/// exactly one entry and in the shard that owns it, every file once. Thumbnail paths are rewritten relative to
/// the merged report's folder, so shards may write to different folders.
public struct ThumbnailReportMerge: Sendable {
    /// One shard's report and where it was read from.
    public struct Part: Sendable {
        public var url: URL
        public var report: ThumbnailReport

        public init(url: URL, report: ThumbnailReport) {
            self.url = url
            self.report = report
        }
    }

    public var parts: [Part]

    public init(_ parts: [Part]) {
        self.parts = parts
    }

    /// Reads every report; one that cannot be read or decoded is an error naming it.
    public init(contentsOf urls: [URL]) throws(ThumbnailMergeError) {
        var parts: [Part] = []
        for url in urls {
            do { parts.append(Part(url: url, report: try JSONDecoder().decode(ThumbnailReport.self, from: Data(contentsOf: url)))) }
            catch { throw .unreadable(path: url.path, reason: String(describing: error)) }
        }
        self.init(parts)
    }

    /// The merged report for a file at `destination`: series entries by UID, then file entries by path.
    public func merged(for destination: URL) throws(ThumbnailMergeError) -> ThumbnailReport {
        guard let first = parts.first else { throw .noReports }
        var shards: [(part: Part, shard: ThumbnailShard)] = []
        for part in parts {
            guard let shard = ThumbnailShard(part.report.shard) else { throw .notAShardReport(path: part.url.path, shard: part.report.shard) }
            shards.append((part, shard))
        }
        let count = shards[0].shard.count
        guard shards.allSatisfy({ $0.shard.count == count }) else { throw .countsDiffer(shards.map { "\($0.part.url.lastPathComponent): \($0.shard)" }) }
        guard parts.allSatisfy({ $0.report.layout == first.report.layout }) else {
            throw .layoutsDiffer(parts.map { "\($0.url.lastPathComponent): \($0.report.layout.rawValue)" })
        }

        var problems = ThumbnailMergeProblems(count: count)
        let given = Dictionary(grouping: shards.map(\.shard.index), by: { $0 })
        problems.missingShards = (0..<count).filter { given[$0] == nil }
        problems.repeatedShards = given.filter { $0.value.count > 1 }.keys.sorted()
        var series: [String: ThumbnailReport.Entry] = [:], files: [String: ThumbnailReport.Entry] = [:]
        let base = destination.deletingLastPathComponent()
        for (part, shard) in shards {
            let folder = part.url.deletingLastPathComponent()
            for var entry in part.report.entries {
                entry.output = entry.output.map { Self.relativePath(of: folder.appendingPathComponent($0), from: base) }
                if let uid = entry.seriesInstanceUID {
                    if series.updateValue(entry, forKey: uid) != nil { problems.duplicatedSeries.insert(uid) }
                    if !shard.owns(uid) { problems.misplacedSeries.append("\(uid) in shard \(shard)") }
                } else if let file = entry.file {
                    if files.updateValue(entry, forKey: file) != nil { problems.duplicatedFiles.insert(file) }
                }
            }
        }
        guard problems.isEmpty else { throw .incomplete(problems) }
        let entries = series.sorted { $0.key < $1.key }.map(\.value) + files.sorted { $0.key < $1.key }.map(\.value)
        return ThumbnailReport(shard: ThumbnailShard.whole.description, layout: first.report.layout, entries: entries)
    }

    /// `target`'s path relative to the folder `base` (with `..` where it lies outside).
    static func relativePath(of target: URL, from base: URL) -> String {
        let to = target.standardizedFileURL.pathComponents, from = base.standardizedFileURL.pathComponents
        var common = 0
        while common < to.count, common < from.count, to[common] == from[common] { common += 1 }
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }
}

/// What keeps shard reports from making one report of the whole archive.
public struct ThumbnailMergeProblems: Sendable, Equatable, CustomStringConvertible {
    /// The shard count of the reports.
    public var count: Int
    public var missingShards: [Int] = []
    /// Shards given by more than one report.
    public var repeatedShards: [Int] = []
    /// Series UIDs in more than one entry.
    public var duplicatedSeries: Set<String> = []
    /// Series in the report of a shard that does not own them ("UID in shard i/n"): reports of another run.
    public var misplacedSeries: [String] = []
    /// Unreadable or non-image files with more than one entry.
    public var duplicatedFiles: Set<String> = []

    public var isEmpty: Bool {
        missingShards.isEmpty && repeatedShards.isEmpty && duplicatedSeries.isEmpty && misplacedSeries.isEmpty && duplicatedFiles.isEmpty
    }

    public var description: String {
        func list<T>(_ items: [T]) -> String {
            items.prefix(10).map { "\($0)" }.joined(separator: ", ") + (items.count > 10 ? " and \(items.count - 10) more" : "")
        }
        var parts: [String] = []
        if !missingShards.isEmpty { parts.append("shards missing: \(list(missingShards.map { "\($0)/\(count)" }))") }
        if !repeatedShards.isEmpty { parts.append("shards given twice: \(list(repeatedShards.map { "\($0)/\(count)" }))") }
        if !duplicatedSeries.isEmpty { parts.append("series in more than one entry: \(list(duplicatedSeries.sorted()))") }
        if !misplacedSeries.isEmpty { parts.append("series in a shard that does not own them: \(list(misplacedSeries))") }
        if !duplicatedFiles.isEmpty { parts.append("files in more than one entry: \(list(duplicatedFiles.sorted()))") }
        return parts.joined(separator: "; ")
    }
}
