import Foundation
import Volume
import Raster

/// Compares expected and actual images (two files, or two folders matched by relative path).
struct ImageDiffer {
    /// The outcome for one pair.
    struct Entry: Encodable {
        enum Status: String, Encodable { case same, different, missing, unreadable, sizeMismatch = "size-mismatch" }
        var path: String
        var status: Status
        var difference: ImageDifference?
        var message: String?
        var diffImage: String?
    }

    var tolerance: Int
    var maxFraction: Double
    var diffFolder: URL?

    /// The pairs to compare: (relative path, expected URL, actual URL). Folders are matched by relative path
    /// over the union of their image files, so a file on one side only is reported as missing.
    static func pairs(expected: URL, actual: URL) throws -> [(String, URL, URL)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: expected.path, isDirectory: &isDirectory) else {
            throw CommandError.badInput("\(expected.path): no such file or folder")
        }
        guard isDirectory.boolValue else { return [(expected.lastPathComponent, expected, actual)] }
        let names = Set(imageFiles(in: expected) + imageFiles(in: actual)).sorted()
        return names.map { ($0, expected.appendingPathComponent($0), actual.appendingPathComponent($0)) }
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

    /// Compares every pair on all cores, keeping order.
    func compare(_ pairs: [(String, URL, URL)]) -> [Entry] {
        let differ = self
        return ParallelMap.map(pairs.map { Pair(path: $0.0, expected: $0.1, actual: $0.2) }) { pair in
            differ.compare(path: pair.path, expected: pair.expected, actual: pair.actual)
        }
    }

    private struct Pair: Sendable {
        var path: String
        var expected: URL
        var actual: URL
    }

    private func compare(path: String, expected: URL, actual: URL) -> Entry {
        let manager = FileManager.default
        for (side, url) in [("expected", expected), ("actual", actual)] where !manager.fileExists(atPath: url.path) {
            return Entry(path: path, status: .missing, message: "\(side) image \(url.path) does not exist")
        }
        let e: Frame, a: Frame
        do {
            e = try ImageFile.read(contentsOf: expected)
            a = try ImageFile.read(contentsOf: actual)
        } catch {
            return Entry(path: path, status: .unreadable, message: error.description)
        }
        do {
            let difference = try ImageComparison.compare(expected: e, actual: a, tolerance: tolerance)
            let same = difference.fractionAboveTolerance <= maxFraction
            var entry = Entry(path: path, status: same ? .same : .different, difference: difference)
            if !same, let diffFolder {
                let url = diffFolder.appendingPathComponent(path).deletingPathExtension().appendingPathExtension("diff.png")
                do {
                    try PNGCodec.write(try ImageComparison.diffImage(expected: e, actual: a, tolerance: tolerance), to: url)
                    entry.diffImage = url.path
                } catch {
                    entry.message = "could not write the diff image: \(error.description)"
                }
            }
            return entry
        } catch {
            return Entry(path: path, status: .sizeMismatch, message: error.description)
        }
    }
}
