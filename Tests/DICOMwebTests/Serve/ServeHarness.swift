import AsyncHTTPClient
import DICOM
import Foundation
import Loading
import NIOHTTP1
import Logging
import NIOCore
import Server
import XCTest

/// A `LightboxServer` run in the test process on a free loopback port, stopped (gracefully) by `stop()`.
final class ServeHarness: @unchecked Sendable {
    let server: LightboxServer
    let port: Int
    private let task: Task<Void, any Error>
    var url: String { "http://127.0.0.1:\(port)" }

    static func start(_ configure: (inout ServeConfiguration) -> Void, source: ServeConfiguration.Source) async throws -> ServeHarness {
        var configuration = ServeConfiguration(source: source)
        configuration.port = 0
        configure(&configuration)
        let server = try LightboxServer(configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "serve-test")
        logger.logLevel = .critical  // cancelling the task (not a signal) makes Hummingbird log its shutdown as errors
        let task = Task { try await server.run(logger: logger) { port in continuation.yield(port) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw XCTSkip("the server did not start") }
        return ServeHarness(server: server, port: port, task: task)
    }

    private init(server: LightboxServer, port: Int, task: Task<Void, any Error>) {
        self.server = server
        self.port = port
        self.task = task
    }

    /// Cancels the server's task (graceful shutdown) and waits for it.
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// One GET: status, headers and body.
    func get(_ path: String, headers: [(String, String)] = []) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
        try await Self.get(url + path, headers: headers)
    }

    /// One GET of any URL.
    static func get(_ url: String, headers: [(String, String)] = []) async throws -> (status: Int, headers: HTTPHeaders, body: Data) {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await DICOMwebClient.sharedHTTPClient.execute(request, timeout: .seconds(120))
        var body = try await response.body.collect(upTo: 256 << 20)
        return (Int(response.status.code), response.headers, Data(body.readBytes(length: body.readableBytes) ?? []))
    }
}

/// The UIDs of the phantom CT (study, series, instances in file order) read from its files.
struct PhantomUIDs {
    var study: String
    var series: String
    var instances: [String]

    static func of(_ files: [URL]) throws -> PhantomUIDs {
        let sets = try files.map { try DICOMFile.read(contentsOf: $0, mode: .metadataOnly).dataSet }
        return PhantomUIDs(study: sets[0].string(.studyInstanceUID) ?? "", series: sets[0].string(.seriesInstanceUID) ?? "",
                           instances: sets.map { $0.string(.sopInstanceUID) ?? "" })
    }
}
