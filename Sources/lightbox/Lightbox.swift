import ArgumentParser
import Foundation
import Jobs

/// The `lightbox` command: headless rendering of CT, PET and MR volumes.
@main
struct Lightbox: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lightbox",
        abstract: "Headless, offscreen renderer for medical image volumes (DICOM CT, PET, MR).",
        discussion: """
            Exit codes: 0 success; 1 images differ (diff); 2 bad usage, or missing/unreadable input; \
            3 some series or slices failed (the rest were written).
            """,
        version: LightboxVersion.string,
        subcommands: [RenderCommand.self, ThumbnailsCommand.self, InfoCommand.self, PresetsCommand.self, DiffCommand.self, DemoCommand.self, PhantomCommand.self, BenchCommand.self] + server
    )

    #if Server
    private static let server: [any ParsableCommand.Type] = [ServeCommand.self]
    #else
    /// Built without the Server trait: no `serve`.
    private static let server: [any ParsableCommand.Type] = []
    #endif

    /// Runs the command, mapping usage errors to exit code 2 instead of ArgumentParser's 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.badUsage.rawValue)
            }
            exit(withError: error)
        }
    }
}

/// Exit codes shared by every command (documented in `--help` and the README).
enum ExitStatus: Int32 {
    case success = 0
    case different = 1
    case badUsage = 2
    case partialFailure = 3
}
