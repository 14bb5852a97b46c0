import Foundation
import XCTest

/// One volume cache for all requests: concurrent and repeated requests for one series stream it from the origin
/// once; past the render queue the answer is 503 with Retry-After.
final class ServeSharingTests: XCTestCase {
    func testConcurrentRequestsForOneSeriesStreamItOnce() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let uids = try PhantomUIDs.of(try await PhantomFixture.shared.files().ctFiles)
        let proxy = try FaultProxy(upstream: servers.openURL, arguments: [])
        defer { proxy.stop() }
        let harness = try await ServeHarness.start({ $0.maxConcurrent = 2; $0.queueDepth = 32 }, source: .origin(proxy.url + "/dicom-web"))
        let series = "/studies/\(uids.study)/series/\(uids.series)"
        let paths = (0..<8).map { "\(series)/instances/\(uids.instances[$0 % uids.instances.count])/thumbnail?viewport=\(64 + $0),\(64 + $0)" }
        let statuses: [Int] = try await withThrowingTaskGroup(of: Int.self) { group in
            for path in paths { group.addTask { try await harness.get(path).status } }
            var all: [Int] = []
            for try await status in group { all.append(status) }
            return all
        }
        XCTAssertEqual(statuses, Array(repeating: 200, count: 8))
        let again = try await harness.get("\(series)/instances/\(uids.instances[0])/thumbnail")
        XCTAssertEqual(again.status, 200)
        let requests = try await proxy.requests(using: servers)
        let metadata = requests.filter { $0.path.hasSuffix("/metadata") }.count
        let pixels = requests.filter { !$0.path.hasSuffix("/metadata") }
        XCTAssertEqual(metadata, 1, "\(requests.map(\.path))")
        // One stream: every slice's pixels asked for once at most (a series retrieve, or frames).
        let frames = pixels.filter { $0.path.contains("/frames/") }.count
        let retrieves = pixels.filter { $0.path.range(of: "/series/[^/]+$", options: .regularExpression) != nil }.count
        XCTAssertLessThanOrEqual(retrieves, 1, "\(pixels.map(\.path))")
        XCTAssertLessThanOrEqual(frames, uids.instances.count, "\(pixels.map(\.path))")
        XCTAssertEqual(harness.server.session.openSeriesStatistics.misses, 1)
        await harness.stop()
    }

    func testPastTheQueueTheAnswerIs503WithRetryAfter() async throws {
        let servers = try await OrthancServers.require()
        try await PhantomFixture.shared.uploadPhantom(servers, to: servers.openURL)
        let uids = try PhantomUIDs.of(try await PhantomFixture.shared.files().ctFiles)
        // The first render waits 4 s for the series metadata, so all six requests arrive while it runs even on a busy
        // machine (with 1.5 s, one request came after the first answer on a loaded run and was admitted: 3 × 200).
        let proxy = try FaultProxy(upstream: servers.openURL, arguments: ["--delay-every", "1", "--delay-ms", "4000", "--match", "/metadata$"])
        defer { proxy.stop() }
        let harness = try await ServeHarness.start({ $0.maxConcurrent = 1; $0.queueDepth = 1 }, source: .origin(proxy.url + "/dicom-web"))
        let path = "/studies/\(uids.study)/series/\(uids.series)/instances/\(uids.instances[0])/thumbnail"
        let answers: [(status: Int, retryAfter: String?)] = try await withThrowingTaskGroup(of: (status: Int, retryAfter: String?).self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let answer = try await harness.get(path)
                    return (answer.status, answer.headers.first(name: "Retry-After"))
                }
            }
            var all: [(status: Int, retryAfter: String?)] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        let statuses = answers.map(\.status)
        XCTAssertEqual(statuses.filter { $0 == 200 }.count, 2, "\(statuses)")
        XCTAssertEqual(statuses.filter { $0 == 503 }.count, 4, "\(statuses)")
        let retryAfters: [String?] = answers.filter { $0.status == 503 }.map(\.retryAfter)
        XCTAssertEqual(retryAfters, Array(repeating: "2", count: retryAfters.count))
        await harness.stop()
    }
}
