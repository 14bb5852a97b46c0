import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regular files under some inputs, found by walking folders recursively.
///
/// Symbolic links are followed, to files and to folders. A folder is entered once, by the first route in path
/// order, however many links lead to it (a link to an ancestor, or links in two folders to each other, end the
/// walk there instead of looping); a file reached by several routes (links, hard links) is listed once, under
/// its first path in sorted order. Links that lead nowhere are skipped and listed in `brokenLinks`. Hidden files
/// and folders (names starting with ".") are skipped. One `stat` per entry and one listing per folder: the cost
/// is linear in the number of files.
public struct FileListing: Sendable, Equatable {
    /// The files, sorted.
    public var paths: [String]
    /// Symbolic links skipped because they lead to nothing (a missing target, or a cycle of links), sorted.
    public var brokenLinks: [String]

    /// Walks `roots` (folders recursively; a file root is listed as it is, even when hidden).
    /// A root that does not exist is `LoadingError.sliceFailed` naming it.
    public init(under roots: [URL]) throws(LoadingError) {
        var walk = Walk()
        for root in roots.map(\.path).sorted() {
            guard let info = Self.status(root, following: true) else {
                let dangling = Self.status(root, following: false).map { $0.st_mode & S_IFMT == S_IFLNK } ?? false
                throw .sliceFailed(imageID: root, reason: dangling ? "a symbolic link to nothing" : "no such file or folder")
            }
            if info.st_mode & S_IFMT == S_IFDIR { walk.folder(root, info) } else { walk.found(root, info) }
        }
        paths = walk.uniqueFiles()
        brokenLinks = walk.brokenLinks.sorted()
    }

    /// `stat` (following links) or `lstat` of a path, nil when it fails.
    static func status(_ path: String, following: Bool) -> stat? {
        var info = stat()
        let code = path.withCString { following ? stat($0, &info) : lstat($0, &info) }
        return code == 0 ? info : nil
    }
}

/// Identifies a file or folder on this machine whatever the path to it: device and inode.
private struct FileID: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
    }
}

/// The state of one walk: files found (with their ids, not yet deduplicated), folders entered, broken links.
private struct Walk {
    private var files: [(path: String, id: FileID)] = []
    private var entered: Set<FileID> = []
    private(set) var brokenLinks: [String] = []

    mutating func found(_ path: String, _ info: stat) {
        files.append((path, FileID(info)))
    }

    /// Walks a folder depth first, children in path order (a folder sorts as its name plus "/", as the paths
    /// inside it do), so a folder reached by several routes is entered by the one whose paths sort first.
    mutating func folder(_ root: String, _ info: stat) {
        var pending: [(path: String, id: FileID)] = [(root, FileID(info))]
        while let (folder, id) = pending.popLast() {
            guard entered.insert(id).inserted else { continue }
            var subfolders: [(key: String, path: String, id: FileID)] = []
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
                let path = prefix + name
                guard let child = FileListing.status(path, following: true) else {
                    if FileListing.status(path, following: false).map({ $0.st_mode & S_IFMT == S_IFLNK }) == true {
                        brokenLinks.append(path)
                    }
                    continue
                }
                switch child.st_mode & S_IFMT {
                case S_IFDIR: subfolders.append((name + "/", path, FileID(child)))
                case S_IFREG: found(path, child)
                default: continue
                }
            }
            pending += subfolders.sorted { $0.key > $1.key }.map { (path: $0.path, id: $0.id) }
        }
    }

    /// The files sorted by path, each real file once (its first path).
    func uniqueFiles() -> [String] {
        var seen: Set<FileID> = []
        return files.sorted { $0.path < $1.path }.compactMap { seen.insert($0.id).inserted ? $0.path : nil }
    }
}
