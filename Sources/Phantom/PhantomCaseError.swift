/// Why `PhantomCaseWriter` could not write a case; each message names the path and what to do.
public enum PhantomCaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A folder could not be created.
    case cannotCreateFolder(path: String, reason: String)
    /// A DICOM file (or a copy of one) could not be encoded or written.
    case cannotWriteFile(path: String, reason: String)
    /// A symbolic link could not be created.
    case cannotLink(path: String, destination: String, reason: String)
    /// Something other than a symbolic link is in the way of one.
    case notALink(path: String)

    public var description: String {
        switch self {
        case .cannotCreateFolder(let path, let reason):
            "cannot create folder \(path): \(reason); check that the output folder is writable"
        case .cannotWriteFile(let path, let reason):
            "cannot write \(path): \(reason); check that the output folder is writable and has space"
        case .cannotLink(let path, let destination, let reason):
            "cannot create symbolic link \(path) -> \(destination): \(reason); use a file system that supports symbolic links"
        case .notALink(let path):
            "\(path) exists and is not a symbolic link; remove it or write the cases to an empty folder"
        }
    }
}
