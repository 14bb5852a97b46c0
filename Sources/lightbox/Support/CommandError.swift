import Foundation
import ArgumentParser
import Jobs

/// A user-facing failure: a message a person can act on and the exit code it maps to.
struct CommandError: Error, CustomStringConvertible {
    var message: String
    var status: ExitStatus

    var description: String { message }

    static func badInput(_ message: String) -> CommandError { CommandError(message: message, status: .badUsage) }


    /// Prints the message to standard error and exits with the status.
    func exit() -> Never {
        printError("lightbox: \(message)")
        Foundation.exit(status.rawValue)
    }
}

extension CommandError {
    /// A job's failure, with the exit status its kind maps to.
    init(_ error: JobError) {
        switch error {
        case .badInput, .notFound, .renderFailed: self.init(message: error.description, status: .badUsage)
        case .partialFailure: self.init(message: error.description, status: .partialFailure)
        }
    }
}
