import Foundation
import Raster
import Volume

/// The golden suite: compares expected images (the goldens) with actual ones — two files, or two folders matched
/// by relative path — on all cores, and writes a highlighted diff image beside each pair that differs.
///
/// A pixel differs when any channel differs by more than `tolerance`; a pair passes when the share of differing
/// pixels is at most `maxFraction`.
public struct GoldenSuite: Sendable {
    public var tolerance: Int
    public var maxFraction: Double
    /// Where diff images go (`<path>.diff.png`, mirroring the pair's relative path); none when nil.
    public var diffFolder: URL?

    public init(tolerance: Int = 0, maxFraction: Double = 0, diffFolder: URL? = nil) {
        self.tolerance = tolerance
        self.maxFraction = maxFraction
        self.diffFolder = diffFolder
    }

    /// Pairs `expected` with `actual` and compares every pair.
    public func run(expected: URL, actual: URL) throws(JobError) -> GoldenSuiteReport {
        GoldenSuiteReport(tolerance: tolerance, maxFraction: maxFraction, entries: compare(try Self.pairs(expected: expected, actual: actual)))
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

    /// Compares every pair on all cores, keeping order.
    public func compare(_ pairs: [GoldenPair]) -> [GoldenSuiteReport.Entry] {
        let suite = self
        return ParallelMap.map(pairs) { suite.compare($0) }
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

    private func compare(_ pair: GoldenPair) -> GoldenSuiteReport.Entry {
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
            let difference = try ImageComparison.compare(expected: e, actual: a, tolerance: tolerance)
            let same = difference.fractionAboveTolerance <= maxFraction
            var entry = GoldenSuiteReport.Entry(path: pair.path, status: same ? .same : .different, difference: difference)
            if !same, let diffFolder {
                let url = diffFolder.appendingPathComponent(pair.path).deletingPathExtension().appendingPathExtension("diff.png")
                do {
                    try PNGCodec.write(try ImageComparison.diffImage(expected: e, actual: a, tolerance: tolerance), to: url)
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
