/// Where a series comes from: folders and files (scanned; `file:` prefixes allowed), or one DICOMweb series id
/// (`dicomweb:<WADO-RS root>/studies/{uid}/series/{uid}`).
public enum SeriesInput: Sendable, Equatable, CustomStringConvertible {
    case files([String])
    case dicomweb(String)

    /// The input a command line names: one `dicomweb:` id, else folders and files.
    public init(arguments: [String]) {
        if arguments.count == 1, let id = arguments.first, id.hasPrefix("dicomweb:") { self = .dicomweb(id) } else { self = .files(arguments) }
    }

    public var description: String {
        switch self {
        case .files(let paths): return paths.joined(separator: ", ")
        case .dicomweb(let id): return id
        }
    }
}
