#if Server
import ArgumentParser
import Foundation
import Logging
import Server

/// `lightbox serve`: the DICOMweb rendered-resource server (the `Server` library does the work).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve DICOMweb rendered images, thumbnails and MPR/MIP/3D renderings over HTTP.",
        discussion: """
            PS3.18 Retrieve Rendered (…/rendered), Thumbnail (…/thumbnail), Rendered MPR Volume (…/renderedmpr) and \
            Rendered 3D Volume (…/rendered3d) from a DICOMweb origin (QIDO-RS and metadata requests are passed to it) \
            or from an indexed folder. Listens on loopback unless --listen says otherwise; any other address needs \
            credentials or --allow-anonymous. TLS belongs to a reverse proxy in front. Stops on SIGINT or SIGTERM \
            after the requests in progress.

            Example: lightbox serve --origin http://127.0.0.1:8042/dicom-web --port 8080
            """
    )

    @Option(help: ArgumentHelp("The DICOMweb root to serve from.", valueName: "url"))
    var origin: String?

    @Option(help: ArgumentHelp("A folder of DICOM files to serve from (indexed at start; nothing outside it is read).", valueName: "dir"))
    var folder: String?

    @Option(help: "The TCP port (0: any free port; the one bound is printed).")
    var port = 8080

    @Option(help: ArgumentHelp("The address to listen on.", valueName: "address"))
    var listen = "127.0.0.1"

    @Option(help: ArgumentHelp("The byte budget of the volume cache all requests share.", valueName: "bytes"))
    var cacheBytes = 2 << 30

    @Option(help: "Renders running at once.")
    var maxConcurrent = 2

    @Option(help: "Renders waiting beyond those; past them the answer is 503 with Retry-After.")
    var queue = 16

    @Option(help: ArgumentHelp("The longest a render request may take, waiting included.", valueName: "seconds"))
    var timeLimit = 60

    @Option(help: ArgumentHelp("A file of accepted bearer tokens, one a line.", valueName: "file"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("An environment variable holding accepted bearer tokens (comma-separated).", valueName: "name"))
    var tokenEnv: String?

    @Option(help: ArgumentHelp("A file of accepted HTTP basic credentials, user:password a line.", valueName: "file"))
    var basicAuthFile: String?

    @Flag(help: "Serve without credentials, even on a non-loopback address.")
    var allowAnonymous = false

    @Flag(help: "Send each caller's Authorization to the origin, so the origin decides who sees what.")
    var forwardCredentials = false

    func validate() throws {
        guard (origin == nil) != (folder == nil) else { throw ValidationError("give one of --origin and --folder") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be at least 1 second") }
    }

    func run() async throws {
        var configuration = ServeConfiguration(source: origin.map { .origin($0) } ?? .folder(folder ?? ""))
        configuration.host = listen
        configuration.port = port
        configuration.cacheBytes = cacheBytes
        configuration.maxConcurrent = maxConcurrent
        configuration.queueDepth = queue
        configuration.requestTimeLimit = .seconds(timeLimit)
        configuration.allowAnonymous = allowAnonymous
        configuration.forwardCredentials = forwardCredentials
        let server: LightboxServer
        do {
            configuration.credentials = try Credentials.load(tokenFile: tokenFile, tokenEnvironment: tokenEnv, basicFile: basicAuthFile)
            server = try LightboxServer(configuration)
        } catch { CommandError.badInput(error.description).exit() }
        LoggingBootstrap.once(level: .info)
        let host = listen
        try await server.run(logger: Logger(label: "lightbox.serve")) { port in
            FileHandle.standardOutput.write(Data("lightbox serve: listening on http://\(host):\(port)\n".utf8))
        }
    }
}
#endif
