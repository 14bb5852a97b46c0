/// Why a job could not do its work, with a message a person can act on. Front ends map the case to their
/// own status (the command line: exit 2 for `badInput`, `notFound` and `renderFailed`, 3 for `partialFailure`).
public enum JobError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The inputs are missing, unreadable or not what the job needs: change the inputs or the request.
    case badInput(String)
    /// The input's source (a DICOMweb server) does not have the study, series or instance asked for.
    case notFound(String)
    /// The renderer could not start or could not draw the request.
    case renderFailed(String)
    /// Part of the work failed (named in the message); the rest was done.
    case partialFailure(String)

    /// A `dicomweb:` input (or DICOMweb source) given to a build without the DICOMweb package trait.
    static func builtWithoutDICOMweb(_ input: String) -> JobError {
        .badInput("\(input): this lightbox was built without DICOMweb support (the DICOMweb package trait, on by default; "
                  + "`--disable-default-traits` leaves it out): build it with the default traits to read from DICOMweb servers")
    }

    public var description: String {
        switch self {
        case .badInput(let message), .notFound(let message), .renderFailed(let message), .partialFailure(let message): return message
        }
    }
}
