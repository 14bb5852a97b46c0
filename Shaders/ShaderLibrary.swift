import Foundation

/// Loads the files that ship as package resources under `Shaders/`: the GLSL sources (`glsl/`) and the
/// volume-rendering presets (`presets/`).
///
/// An installed `lightbox` (`make install PREFIX=…`) finds them in `<prefix>/share/lightbox/<folder>`, beside the
/// `bin` folder of the running executable; a built one in SwiftPM's resource bundle (`Bundle.module`).
public enum ShaderLibrary {
    /// Errors raised while locating a shader resource.
    public enum Error: Swift.Error, CustomStringConvertible {
        case missing(name: String)
        public var description: String {
            switch self {
            case .missing(let name):
                return "'\(name)' is not among the package resources (Shaders/) nor in <prefix>/share/lightbox; rebuild or reinstall"
            }
        }
    }

    /// The text of `glsl/<name>` (for example `"mpr.frag"`).
    public static func source(named name: String) throws -> String {
        guard let url = resourceURL(named: name, in: "glsl"), let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw Error.missing(name: "glsl/\(name)")
        }
        return text
    }

    /// The file `<folder>/<name>` of the resources: the installed copy when there is one, else the built bundle's.
    public static func resourceURL(named name: String, in folder: String) -> URL? {
        if let installed = installedFolder(folder) { return installed.appendingPathComponent(name) }
        return Bundle.module.url(forResource: name, withExtension: nil, subdirectory: folder)
    }

    /// `<prefix>/share/lightbox/<folder>` when the running executable is `<prefix>/bin/<name>` and that folder exists.
    static func installedFolder(_ folder: String) -> URL? {
        guard let share = installedShare else { return nil }
        let url = share.appendingPathComponent(folder)
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue ? url : nil
    }

    /// `<prefix>/share/lightbox` for an executable at `<prefix>/bin/<name>`.
    static let installedShare: URL? = {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        return executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/lightbox")
    }()
}
