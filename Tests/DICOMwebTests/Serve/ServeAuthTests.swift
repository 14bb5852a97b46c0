import Foundation
import Server
import XCTest

/// Who gets in: tokens and basic credentials compared in constant time, 401 without or with wrong ones, and with
/// forwarding on, a request without credentials never reaches the origin.
final class ServeAuthTests: XCTestCase {
    func testConstantTimeCompareAcceptsOnlyTheExactHeader() {
        let credentials = Credentials(tokens: ["s3cret"], basic: [("ann", "pw")])
        XCTAssertTrue(credentials.accepts("Bearer s3cret"))
        XCTAssertTrue(credentials.accepts("Basic " + Data("ann:pw".utf8).base64EncodedString()))
        for wrong in [nil, "", "Bearer s3cre", "Bearer s3crett", "Bearer S3cret", "bearer s3cret", "Basic " + Data("ann:px".utf8).base64EncodedString()] {
            XCTAssertFalse(credentials.accepts(wrong), "\(wrong ?? "nil")")
        }
        XCTAssertFalse(Credentials().accepts("Bearer s3cret"))
    }

    func testNonLoopbackWithoutCredentialsIsRefusedUnlessAnonymousIsAllowed() {
        var configuration = ServeConfiguration(source: .folder("."))
        configuration.host = "0.0.0.0"
        XCTAssertThrowsError(try configuration.validate()) { XCTAssertEqual($0 as? ServeConfigurationError, .anonymousNonLoopback(host: "0.0.0.0")) }
        configuration.allowAnonymous = true
        XCTAssertNoThrow(try configuration.validate())
        configuration.allowAnonymous = false
        configuration.credentials = Credentials(tokens: ["t"])
        XCTAssertNoThrow(try configuration.validate())
    }

    /// No token 401, a wrong one 401, the right one 200 (tokens from a file); `/health` stays open.
    func testTokensFromAFile() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let uids = try PhantomUIDs.of(try await PhantomFixture.shared.files().ctFiles)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-serve-tokens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# tokens\nfirst-token\nsecond-token\n".write(to: file, atomically: true, encoding: .utf8)
        let harness = try await ServeHarness.start({
            $0.credentials = try! Credentials.load(tokenFile: file.path, tokenEnvironment: nil, basicFile: nil)
        }, source: .origin(servers.openDICOMweb))
        let path = "/studies/\(uids.study)/series/\(uids.series)/instances/\(uids.instances[0])/thumbnail"
        let none = try await harness.get(path)
        XCTAssertEqual(none.status, 401)
        XCTAssertNotNil(none.headers.first(name: "WWW-Authenticate"))
        let wrongToken = try await harness.get(path, headers: [("Authorization", "Bearer second-tokem")]).status
        XCTAssertEqual(wrongToken, 401)
        let good = try await harness.get(path, headers: [("Authorization", "Bearer second-token")])
        XCTAssertEqual(good.status, 200, String(decoding: good.body, as: UTF8.self))
        let health = try await harness.get("/health").status
        XCTAssertEqual(health, 200)
        let metrics = try await harness.get("/metrics").status
        XCTAssertEqual(metrics, 401)
        await harness.stop()
    }

    /// With `--forward-credentials` in front of the Orthanc that wants basic auth: the caller's own credentials
    /// go to the origin (200); without any, 401 and the origin saw nothing; wrong ones are the origin's 401.
    func testForwardedCredentialsLetTheOriginDecide() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.authURL, authorized: true)
        let uids = try PhantomUIDs.of(try await PhantomFixture.shared.files().ctFiles)
        let proxy = try FaultProxy(upstream: servers.authURL, arguments: [])
        defer { proxy.stop() }
        let harness = try await ServeHarness.start({
            $0.forwardCredentials = true
            $0.allowAnonymous = true
        }, source: .origin(proxy.url + "/dicom-web"))
        let path = "/studies/\(uids.study)/series/\(uids.series)/instances/\(uids.instances[0])/thumbnail"
        let noCredentials = try await harness.get(path).status
        XCTAssertEqual(noCredentials, 401)
        let noCredentialsSearch = try await harness.get("/studies?StudyInstanceUID=\(uids.study)").status
        XCTAssertEqual(noCredentialsSearch, 401)
        let originRequests = try await proxy.requests(using: servers).count
        XCTAssertEqual(originRequests, 0, "an unauthenticated request reached the origin")
        let wrong = "Basic " + Data("\(servers.user):not-it".utf8).base64EncodedString()
        let wrongCredentials = try await harness.get(path, headers: [("Authorization", wrong)]).status
        XCTAssertEqual(wrongCredentials, 401)
        let good = try await harness.get(path, headers: [("Authorization", servers.basicHeader)])
        XCTAssertEqual(good.status, 200, String(decoding: good.body, as: UTF8.self))
        let qido = try await harness.get("/studies?StudyInstanceUID=\(uids.study)", headers: [("Authorization", servers.basicHeader), ("Accept", "application/dicom+json")])
        XCTAssertEqual(qido.status, 200)
        XCTAssertTrue(String(decoding: qido.body, as: UTF8.self).contains(uids.study))
        // The series is cached now; a wrong caller still gets the origin's refusal, not the cached volume.
        let wrongAfterCaching = try await harness.get(path, headers: [("Authorization", wrong)]).status
        XCTAssertEqual(wrongAfterCaching, 401)
        await harness.stop()
    }
}
