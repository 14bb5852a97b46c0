import Foundation
@testable import Server
import XCTest

/// The parts of the server that need no origin: path parsing, the render queue, multipart bodies.
final class ServePathAndQueueTests: XCTestCase {
    func testPathsNameRenderedResourcesOrPassThroughOrNothing() throws {
        XCTAssertEqual(try ServedPath.parse("/studies/1.2/series/3.4/instances/5.6/frames/1,3/rendered"),
                       .rendered(level: try .init(study: "1.2", series: "3.4", instance: "5.6", frames: "1,3"), kind: .rendered))
        XCTAssertEqual(try ServedPath.parse("/studies/1.2/series/3.4/renderedMPR"), .rendered(level: try .init(study: "1.2", series: "3.4"), kind: .renderedMPR))
        XCTAssertEqual(try ServedPath.parse("/studies/1.2/series/3.4/instances/5/rendered3D"),
                       .rendered(level: try .init(study: "1.2", series: "3.4", instance: "5"), kind: .rendered3D))
        XCTAssertEqual(try ServedPath.parse("/studies/1.2/thumbnail"), .rendered(level: try .init(study: "1.2"), kind: .thumbnail))
        XCTAssertEqual(try ServedPath.parse("/studies"), .passThrough("studies"))
        XCTAssertEqual(try ServedPath.parse("/studies/1.2/series/3.4/metadata"), .passThrough("studies/1.2/series/3.4/metadata"))
        XCTAssertEqual(try ServedPath.parse("/series/3.4/instances"), .passThrough("series/3.4/instances"))
        for bad in ["/", "/studies/1.2/series/../rendered", "/studies/1.2/series/3.4/instances/5/bulkdata", "/studies/1.2/../../etc/passwd",
                    "/studies//rendered", "/studies/1.2/series/3.4/instances/5.6", "/studies/a.b/metadata", "/studies/1.2/frames/1/rendered",
                    "/studies/1.2/series/3.4/instances/5/frames/1/extra/rendered"] {
            XCTAssertThrowsError(try ServedPath.parse(bad), bad) { error in
                let status = (error as? ServeError)?.status.code ?? 0
                XCTAssertTrue((400...404).contains(status), "\(bad): \(status)")
            }
        }
    }

    func testTheQueueRefusesPastRunningPlusWaiting() async throws {
        let gate = AdmissionGate(running: 1, waiting: 1)
        let (release, releaser) = AsyncStream<Void>.makeStream()
        let first = Task { try await gate.run(retryAfter: 3) { for await _ in release { break } } }
        while gate.load.running < 1 { await Task.yield() }
        let second = Task { try await gate.run(retryAfter: 3) { 2 } }
        while gate.load.waiting < 1 { await Task.yield() }
        do {
            _ = try await gate.run(retryAfter: 3) { 3 }
            XCTFail("a third request was admitted")
        } catch let error as ServeError {
            XCTAssertEqual(error.status, .serviceUnavailable)
            XCTAssertEqual(error.headers[.retryAfter], "3")
        }
        releaser.yield()
        try await first.value
        let secondResult = try await second.value
        XCTAssertEqual(secondResult, 2)
        XCTAssertEqual(gate.load.running, 0)
    }

    func testAWaiterWhoseClientLeftLeavesTheLine() async throws {
        let gate = AdmissionGate(running: 1, waiting: 4)
        let (release, releaser) = AsyncStream<Void>.makeStream()
        let first = Task { try await gate.run(retryAfter: 1) { for await _ in release { break } } }
        while gate.load.running < 1 { await Task.yield() }
        let waiter = Task { try await gate.run(retryAfter: 1) { 1 } }
        while gate.load.waiting < 1 { await Task.yield() }
        waiter.cancel()
        await XCTAssertThrowsAsync(try await waiter.value)
        XCTAssertEqual(gate.load.waiting, 0)
        releaser.yield()
        try await first.value
    }

    func testMultipartBodyFramesEachPart() {
        let multipart = MultipartRelated(mediaType: "image/png")
        var body = multipart.body([Data([1, 2, 3]), Data([4])])
        let text = String(decoding: body.readBytes(length: body.readableBytes) ?? [], as: UTF8.self)
        XCTAssertTrue(multipart.contentType.hasPrefix("multipart/related; type=\"image/png\"; boundary="))
        XCTAssertEqual(text.components(separatedBy: "--\(multipart.boundary)\r\nContent-Type: image/png\r\n").count, 3)
        XCTAssertTrue(text.hasSuffix("--\(multipart.boundary)--\r\n"))
    }
}

func XCTAssertThrowsAsync<T>(_ expression: @autoclosure () async throws -> T, file: StaticString = #filePath, line: UInt = #line) async {
    do { _ = try await expression(); XCTFail("no error", file: file, line: line) } catch {}
}
