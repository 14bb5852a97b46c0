import Foundation

/// Loads the GLSL sources that ship as package resources under `Shaders/glsl`.
///
/// An installed `lightbox` (`make install PREFIX=…`) finds them in `<prefix>/share/lightbox/glsl`, beside the `bin`
/// folder of the running executable; a built one in SwiftPM's resource bundle (`Bundle.module`).
public enum ShaderLibrary {
    /// Errors raised while locating a shader resource.
    public enum Error: Swift.Error, CustomStringConvertible {
        case missing(name: String)
        public var description: String {
            switch self {
            case .missing(let name):
                return "shader '\(name)' is not among the package resources (Shaders/glsl) nor in <prefix>/share/lightbox/glsl; rebuild or reinstall"
            }
        }
    }

    /// The text of `glsl/<name>` (for example `"mpr.frag"`).
    public static func source(named name: String) throws -> String {
        let url = installedFolder.map { $0.appendingPathComponent(name) }
            ?? Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "glsl")
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else { throw Error.missing(name: name) }
        return text
    }

    /// `<prefix>/share/lightbox/glsl` when the running executable is `<prefix>/bin/<name>` and that folder exists.
    static let installedFolder: URL? = {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        let folder = executable.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/lightbox/glsl")
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) && isDirectory.boolValue ? folder : nil
    }()
}
