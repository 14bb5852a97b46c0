import Loading

/// Where a series comes from: folders and files (scanned; `file:` prefixes allowed), or one DICOMweb series id
/// (`dicomweb:<WADO-RS root>/studies/{uid}/series/{uid}`), or one NIfTI file (`.nii`, `.nii.gz`).
public enum SeriesInput: Sendable, Equatable, CustomStringConvertible {
    case files([String])
    case dicomweb(String)
    case nifti(String)

    /// The input a command line names: one `dicomweb:` id, one NIfTI file (or `nifti:` id), else folders and files.
    public init(arguments: [String]) {
        if arguments.count == 1, let id = arguments.first, id.hasPrefix("dicomweb:") {
            self = .dicomweb(id)
        } else if arguments.count == 1, let path = arguments.first, path.hasPrefix("nifti:") || NIfTIImageLoader.isNIfTI(path) {
            self = .nifti(path.hasPrefix("nifti:") ? String(path.dropFirst(6)) : path)
        } else {
            self = .files(arguments)
        }
    }

    public var description: String {
        switch self {
        case .files(let paths): return paths.joined(separator: ", ")
        case .dicomweb(let id): return id
        case .nifti(let path): return path
        }
    }
}
