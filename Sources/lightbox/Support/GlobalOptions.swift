import ArgumentParser
import Logging

/// Options every long-running command shares: quiet output and verbose logs.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "No progress bar and no summary lines; errors still go to standard error.")
    var quiet = false

    @Flag(name: .long, help: "Log each step (through swift-log) to standard error.")
    var verbose = false

    /// Configures swift-log once: warnings by default, debug with `--verbose`.
    func makeLogger(_ label: String) -> Logger {
        LoggingBootstrap.once(level: verbose ? .debug : .warning)
        return Logger(label: label)
    }
}

/// Bootstraps the logging system exactly once per process.
enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false

    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
