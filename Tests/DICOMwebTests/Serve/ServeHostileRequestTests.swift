import Foundation
import XCTest

/// Requests meant to break the server get a 4xx or 5xx with a message, never a crash or a hang, and the server
/// answers normally afterwards.
final class ServeHostileRequestTests: XCTestCase {
    func testHostileRequestsGetAStatusAndAMessage() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let uids = try PhantomUIDs.of(try await PhantomFixture.shared.files().ctFiles)
        let harness = try await ServeHarness.start({ _ in }, source: .origin(servers.openDICOMweb))
        let series = "/studies/\(uids.study)/series/\(uids.series)"
        let instance = "\(series)/instances/\(uids.instances[0])"
        let cases: [(String, ClosedRange<Int>)] = [
            ("\(instance)/rendered?viewport=100000,100000", 400...413),
            ("\(instance)/rendered?viewport=-5,-5", 400...400),
            ("\(instance)/rendered?window=NaN,400,linear", 400...400),
            ("\(series)/renderedmpr?mprslab=-3", 400...400),
            ("/studies/\(uids.study)/series/..%2F..%2Fetc/rendered", 400...404),
            ("/studies/\(uids.study)/series/../../etc/passwd/rendered", 400...404),
            ("/studies/1.2.3%2F4/rendered", 400...404),
            ("/studies/\(uids.study)/series/\(String(repeating: "1", count: 500))/rendered", 400...404),
            ("\(instance)/frames/0/rendered", 400...400),
            ("\(instance)/frames/1,x/rendered", 400...400),
            ("/etc/passwd", 404...404),
            // A series the origin does not have: its 404 comes back as a 404 naming it.
            ("/studies/1.2.3/series/4.5.6/rendered", 404...404),
            ("/studies/1.2.3/rendered", 404...404),
        ]
        for (path, expected) in cases {
            let answer = try await harness.get(path)
            XCTAssertTrue(expected.contains(answer.status), "\(path): \(answer.status)")
            XCTAssertFalse(String(decoding: answer.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(path): no message")
        }
        // Unknown parameters are ignored, as PS3.18 §8.3 requires.
        let unknownParameter = try await harness.get("\(instance)/thumbnail?nosuchparameter=1").status
        XCTAssertEqual(unknownParameter, 200)
        await harness.stop()
    }

    /// An origin that cuts every frame answer halfway: 502 with a message, and the partial volume is not kept.
    func testAnOriginDroppingMidStreamIsA502() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let uids = try PhantomUIDs.of(try await PhantomFixture.shared.files().ctFiles)
        let proxy = try FaultProxy(upstream: servers.openURL, arguments: ["--drop-every", "1", "--match", "/series/[^/]+(/instances/[^/]+(/frames/.*)?)?$"])
        defer { proxy.stop() }
        let harness = try await ServeHarness.start({ _ in }, source: .origin(proxy.url + "/dicom-web"))
        let answer = try await harness.get("/studies/\(uids.study)/series/\(uids.series)/instances/\(uids.instances[0])/thumbnail")
        XCTAssertTrue((500...504).contains(answer.status), "\(answer.status)")
        XCTAssertFalse(answer.body.isEmpty)
        XCTAssertEqual(harness.server.session.openSeriesStatistics.open, 0, "a partial volume was kept")
        await harness.stop()
    }
}
