import Foundation

/// The `symlinks` case's folder of relative symbolic links into the series in `symlinks-target/`:
/// one link per file for the files at the target's top level, one link to its subfolder, and `loop`,
/// a link to the folder that holds it (`.`), which a walker following links must not descend forever.
enum PhantomCaseLinks {
    /// The folder holding the links, below the output folder.
    static let folder = "symlinks"
    /// The name of the link to its own folder.
    static let loop = "loop"

    /// Creates (or keeps, when already right) every link of `target` below `output`; returns the links.
    static func write(linkingTo target: PhantomCaseSeries, below output: URL) throws(PhantomCaseError) -> [URL] {
        let links = output.appendingPathComponent(folder)
        do { try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true) }
        catch { throw .cannotCreateFolder(path: links.path, reason: error.localizedDescription) }
        var entries: [(name: String, destination: String)] = []
        for top in Set(target.images.map { $0.path.split(separator: "/")[0] }).sorted() {
            entries.append((String(top), "../\(target.folder)/\(top)"))
        }
        entries.append((loop, "."))
        var made: [URL] = []
        for entry in entries {
            let url = links.appendingPathComponent(entry.name)
            try link(url, to: entry.destination)
            made.append(url)
        }
        return made
    }

    /// Makes `url` a symbolic link to `destination`, replacing a link that points elsewhere.
    private static func link(_ url: URL, to destination: String) throws(PhantomCaseError) {
        let manager = FileManager.default
        if let existing = try? manager.destinationOfSymbolicLink(atPath: url.path) {
            if existing == destination { return }
            do { try manager.removeItem(atPath: url.path) }
            catch { throw .cannotLink(path: url.path, destination: destination, reason: error.localizedDescription) }
        } else if manager.fileExists(atPath: url.path) {
            throw .notALink(path: url.path)
        }
        do { try manager.createSymbolicLink(atPath: url.path, withDestinationPath: destination) }
        catch { throw .cannotLink(path: url.path, destination: destination, reason: error.localizedDescription) }
    }
}
