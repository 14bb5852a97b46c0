import Foundation
import Raster
import Volume

/// The golden suite: compares expected images (the goldens) with actual ones — two files, or two folders matched
/// by relative path — on all cores, and writes a highlighted diff image beside each pair that differs.
///
/// A pixel differs when any channel differs by more than `tolerance`; a pair passes when the share of differing
/// pixels is at most `maxFraction`, or, when `minSSIM` is set, when its SSIM is at least that. Ignored pixels
/// (`ignoredRects`, the marked pixels of `maskFile`; see `IgnoreMask`) count in no metric.
public struct GoldenSuite: Sendable {
    public var tolerance: Int
    public var maxFraction: Double
    /// The other pass rule: SSIM at least this (0…1); replaces `maxFraction` when set.
    public var minSSIM: Double?
    /// Rectangles left out of every comparison, clipped to each image.
    public var ignoredRects: [PixelRect]
    /// A PNG whose marked pixels are left out of every comparison; it must have the size of each compared image.
    public var maskFile: URL?
    /// Where diff images go (`<path>.diff.png`, mirroring the pair's relative path); none when nil.
    public var diffFolder: URL?

    public init(tolerance: Int = 0, maxFraction: Double = 0, minSSIM: Double? = nil, ignoredRects: [PixelRect] = [],
                maskFile: URL? = nil, diffFolder: URL? = nil) {
        self.tolerance = tolerance
        self.maxFraction = maxFraction
        self.minSSIM = minSSIM
        self.ignoredRects = ignoredRects
        self.maskFile = maskFile
        self.diffFolder = diffFolder
    }

    /// Pairs `expected` with `actual` and compares every pair; an unreadable mask is a bad-input error.
    public func run(expected: URL, actual: URL) throws(JobError) -> GoldenSuiteReport {
        let pairs = try Self.pairs(expected: expected, actual: actual)
        return GoldenSuiteReport(suite: self, entries: compare(pairs, mask: try maskImage()))
    }

    /// True when `difference` passes this suite's rule.
    public func passes(_ difference: ImageDifference) -> Bool {
        if let minSSIM { return difference.ssim >= minSSIM }
        return difference.fractionAboveTolerance <= maxFraction
    }

    /// Where a pair's diff image goes, relative to the diff folder: `a/b.png` → `a/b.diff.png`.
    public static func diffImageName(of path: String) -> String {
        (path as NSString).deletingPathExtension + ".diff.png"
    }

    /// The mask file, decoded once.
    func maskImage() throws(JobError) -> Frame? {
        guard let maskFile else { return nil }
        do { return try ImageFile.read(contentsOf: maskFile) } catch { throw .badInput("ignore mask \(error.description)") }
    }

    /// The pairs to compare. Folders are matched by relative path over the union of their image files, so a file
    /// on one side only is reported as missing; an `expected` that does not exist is a bad-input error.
    public static func pairs(expected: URL, actual: URL) throws(JobError) -> [GoldenPair] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: expected.path, isDirectory: &isDirectory) else {
            throw .badInput("\(expected.path): no such file or folder")
        }
        guard isDirectory.boolValue else { return [GoldenPair(path: expected.lastPathComponent, expected: expected, actual: actual)] }
        let names = Set(imageFiles(in: expected) + imageFiles(in: actual)).sorted()
        return names.map { GoldenPair(path: $0, expected: expected.appendingPathComponent($0), actual: actual.appendingPathComponent($0)) }
    }

    /// Compares every pair on all cores, keeping order; `mask` is the decoded `maskFile`.
    public func compare(_ pairs: [GoldenPair], mask: Frame? = nil) -> [GoldenSuiteReport.Entry] {
        let suite = self
        return ParallelMap.map(pairs) { pair in
            var entry = suite.compare(pair, mask: mask)
            entry.expectedFile = pair.expected.path
            entry.actualFile = pair.actual.path
            return entry
        }
    }

    /// The pixels to leave out of a `width` × `height` pair.
    private func ignoreMask(width: Int, height: Int, mask: Frame?) -> IgnoreMask? {
        guard mask != nil || !ignoredRects.isEmpty else { return nil }
        var ignore = mask.map { IgnoreMask(image: $0) } ?? IgnoreMask(width: width, height: height)
        if ignore.width == width, ignore.height == height { ignoredRects.forEach { ignore.add($0) } }
        return ignore
    }

    private static func imageFiles(in folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else { return [] }
        let base = folder.standardizedFileURL.path + "/"
        return walker.compactMap { item -> String? in
            guard let url = item as? URL, ImageFile.isImage(url) else { return nil }
            let path = url.standardizedFileURL.path
            return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : url.lastPathComponent
        }
    }

    private func compare(_ pair: GoldenPair, mask: Frame?) -> GoldenSuiteReport.Entry {
        for (side, url) in [("expected", pair.expected), ("actual", pair.actual)] where !FileManager.default.fileExists(atPath: url.path) {
            return .init(path: pair.path, status: .missing, message: "\(side) image \(url.path) does not exist")
        }
        let e: Frame, a: Frame
        do {
            e = try ImageFile.read(contentsOf: pair.expected)
            a = try ImageFile.read(contentsOf: pair.actual)
        } catch {
            return .init(path: pair.path, status: .unreadable, message: error.description)
        }
        do {
            let ignore = ignoreMask(width: e.width, height: e.height, mask: mask)
            let difference = try ImageComparison.compare(expected: e, actual: a, tolerance: tolerance, ignoring: ignore,
                                                         maskName: maskFile?.path ?? "the ignore mask")
            let same = passes(difference)
            var entry = GoldenSuiteReport.Entry(path: pair.path, status: same ? .same : .different, difference: difference)
            if !same, let diffFolder {
                let url = diffFolder.appendingPathComponent(Self.diffImageName(of: pair.path))
                do {
                    try PNGCodec.write(try ImageComparison.diffImage(expected: e, actual: a, tolerance: tolerance, ignoring: ignore), to: url)
                    entry.diffImage = url.path
                } catch {
                    entry.message = "could not write the diff image: \(error.description)"
                }
            }
            return entry
        } catch {
            return .init(path: pair.path, status: .sizeMismatch, message: error.description)
        }
    }
}

/// One expected/actual pair of the golden suite, named by its relative path.
public struct GoldenPair: Sendable, Equatable {
    public var path: String
    public var expected: URL
    public var actual: URL

    public init(path: String, expected: URL, actual: URL) {
        self.path = path
        self.expected = expected
        self.actual = actual
    }
}
