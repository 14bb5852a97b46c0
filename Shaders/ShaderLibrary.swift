import Foundation

/// Loads the GLSL sources that ship as package resources under `Shaders/glsl`.
public enum ShaderLibrary {
    /// Errors raised while locating a shader resource.
    public enum Error: Swift.Error, CustomStringConvertible {
        case missing(name: String)
        public var description: String {
            switch self {
            case .missing(let name):
                return "shader '\(name)' is not among the package resources (Shaders/glsl); rebuild the package"
            }
        }
    }

    /// The text of `glsl/<name>` (for example `"mpr.frag"`).
    public static func source(named name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "glsl"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw Error.missing(name: name) }
        return text
    }
}
