import Foundation
import TestSupport
import XCTest
@testable import Loading

/// The streaming multipart/related parser, fed in random chunk sizes.
final class MultipartParserTests: XCTestCase {
    struct Part: Equatable {
        var headers: [String: String]
        var body: [UInt8]
    }

    /// Parses `body` fed in chunks of sizes drawn by `rng` (1...maxChunk), returning the parts.
    func parse(_ body: [UInt8], boundary: String, maxChunk: Int, rng: inout some RandomNumberGenerator) throws -> [Part] {
        var parser = try MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var open = false
        var offset = 0
        while offset < body.count {
            let size = Int.random(in: 1...maxChunk, using: &rng)
            let end = min(body.count, offset + size)
            try parser.feed(body[offset..<end]) { event in
                switch event {
                case .partBegin(let headers):
                    XCTAssertFalse(open)
                    open = true
                    parts.append(Part(headers: headers, body: []))
                case .body(let bytes):
                    XCTAssertTrue(open)
                    parts[parts.count - 1].body += bytes
                case .partEnd:
                    XCTAssertTrue(open)
                    open = false
                }
            }
            offset = end
        }
        try parser.finish()
        XCTAssertEqual(parser.partCount, parts.count)
        return parts
    }

    /// A body with `parts`, CRLF line ends, optional preamble/epilogue/padding.
    func build(_ parts: [Part], boundary: String, preamble: String = "", epilogue: String = "", padding: String = "") -> [UInt8] {
        var out = Array(preamble.utf8)
        if !preamble.isEmpty { out += Array("\r\n".utf8) }
        for part in parts {
            out += Array("--\(boundary)\(padding)\r\n".utf8)
            for (name, value) in part.headers.sorted(by: { $0.key < $1.key }) { out += Array("\(name): \(value)\r\n".utf8) }
            out += Array("\r\n".utf8)
            out += part.body
            out += Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\(padding)".utf8)
        out += Array(epilogue.utf8)
        return out
    }

    func testRandomChunkingNeverChangesTheResult() throws {
        var rng = SplitMix64(seed: 0x5EED)
        for round in 0..<300 {
            let boundary = ["b", "1d1df1eb-ff09-4473-a03e-94d112f99c8a", "====abc'()+_,-./:=?", String(repeating: "x", count: 70)][round % 4]
            let partCount = Int.random(in: 1...4, using: &rng)
            var parts: [Part] = []
            for n in 0..<partCount {
                var body = (0..<Int.random(in: 0...3000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                // Sprinkle near-delimiters into the body: CRLF, CRLF--, CRLF--<boundary prefix>.
                for _ in 0..<Int.random(in: 0...5, using: &rng) where !body.isEmpty {
                    let trap = Array("\r\n--\(boundary.dropLast())".utf8).prefix(Int.random(in: 1...(boundary.count + 3), using: &rng))
                    let at = Int.random(in: 0...body.count, using: &rng)
                    body.insert(contentsOf: trap, at: at)
                }
                // A real sender picks a boundary that its bodies do not contain.
                let delimiter = Array("\r\n--\(boundary)".utf8)
                while let at = firstIndex(of: delimiter, in: body) { body.remove(at: at + delimiter.count - 1) }
                let headers = n % 2 == 0
                    ? ["content-type": "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", "content-length": "\(body.count)"]
                    : [:]
                parts.append(Part(headers: headers, body: body))
            }
            let preamble = round % 3 == 0 ? "This is a preamble.\r\nIt has lines." : ""
            let epilogue = round % 5 == 0 ? "\r\nan epilogue\r\n--\(boundary)\r\n" : (round % 2 == 0 ? "\r\n" : "")
            let padding = round % 7 == 0 ? " \t " : ""
            let body = build(parts, boundary: boundary, preamble: preamble, epilogue: epilogue, padding: padding)
            let maxChunk = [1, 2, 7, 64, 1500, 100_000][round % 6]
            let parsed = try parse(body, boundary: boundary, maxChunk: maxChunk, rng: &rng)
            XCTAssertEqual(parsed, parts, "round \(round), boundary \(boundary), chunks up to \(maxChunk)")
        }
    }

    func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    func testOrthancStyleFrameResponseAndQuotedParameters() throws {
        let contentType = #"multipart/related; type="application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1"; boundary="a;b \"c\"""#
        let media = MediaType(contentType)
        XCTAssertEqual(media.type, "multipart/related")
        XCTAssertEqual(media.parameters["boundary"], #"a;b "c""#)
        XCTAssertEqual(MediaType(media.parameters["type"]!).parameters["transfer-syntax"], "1.2.840.10008.1.2.1")
        XCTAssertEqual(MediaType("Multipart/Related;Boundary=xyz").parameters["boundary"], "xyz")
        let frame: [UInt8] = Array(repeating: 0x41, count: 32768)
        let body = build([Part(headers: ["Content-Location": "http://h/frames/1", "Content-Type": "application/octet-stream"], body: frame)],
                         boundary: #"a;b "c""#, epilogue: "\r\n")
        var rng = SplitMix64(seed: 1)
        let parts = try parse(body, boundary: #"a;b "c""#, maxChunk: 4000, rng: &rng)
        XCTAssertEqual(parts.count, 1)
        XCTAssertEqual(parts[0].body, frame)
        XCTAssertEqual(parts[0].headers["content-location"], "http://h/frames/1", "header names are lowercased")
    }

    func testBareLFHeadersAndFoldedLines() throws {
        let text = "--XX\nContent-Type: application/octet-stream;\n transfer-syntax=1.2.840.10008.1.2.1\n\nABC\r\n--XX--"
        var parser = try MultipartParser(boundary: "XX")
        let events = try parser.feed(Array(text.utf8))
        try parser.finish()
        XCTAssertEqual(events, [
            .partBegin(headers: ["content-type": "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1"]),
            .body(Array("ABC".utf8)), .partEnd,
        ])
    }

    func testHeaderNamesAndValuesAreTrimmedAndLinesWithoutColonsSkipped() throws {
        let text = "--XX\r\n\tstray continuation\r\nCONTENT-Length \t:  34008 \t\r\nno colon here\r\nX-Ünïcode: välue\r\n"
            + "Content-Type:application/dicom\r\n\r\nA\r\n--XX--"
        var parser = try MultipartParser(boundary: "XX")
        let events = try parser.feed(Array(text.utf8))
        XCTAssertEqual(events.first, .partBegin(headers: [
            "content-length": "34008", "x-Ünïcode": "välue", "content-type": "application/dicom",
        ]), "a continuation before any header is dropped; only ASCII letters are lowercased")
    }

    func testTruncatedBodiesAreErrorsAtFinish() throws {
        let full = build([Part(headers: [:], body: Array(repeating: 7, count: 100))], boundary: "q")
        for cut in [0, 3, 10, 60, full.count - 3, full.count - 1] {
            var parser = try MultipartParser(boundary: "q")
            _ = try parser.feed(full.prefix(cut))
            XCTAssertThrowsError(try parser.finish(), "cut at \(cut)")
        }
        var parser = try MultipartParser(boundary: "q")
        _ = try parser.feed(full)
        XCTAssertNoThrow(try parser.finish())
        XCTAssertTrue(parser.isFinished)
    }

    func testGarbageAfterBoundaryAndHugeHeadersAreRejected() throws {
        var parser = try MultipartParser(boundary: "q")
        XCTAssertThrowsError(try parser.feed(Array("--qZZ\r\n".utf8)))
        var small = try MultipartParser(boundary: "q", maxHeaderBytes: 100)
        XCTAssertThrowsError(try small.feed(Array(("--q\r\nX: " + String(repeating: "y", count: 200)).utf8)))
        XCTAssertThrowsError(try MultipartParser(boundary: ""))
    }

    func testBodyIsStreamedNotBuffered() throws {
        // Only up to one delimiter's length is held back while a body streams.
        var parser = try MultipartParser(boundary: "boundary")
        _ = try parser.feed(Array("--boundary\r\n\r\n".utf8))
        var delivered = 0
        for _ in 0..<100 {
            for event in try parser.feed([UInt8](repeating: 1, count: 1000)) {
                if case .body(let bytes) = event { delivered += bytes.count }
            }
        }
        XCTAssertGreaterThanOrEqual(delivered, 100_000 - "\r\n--boundary".utf8.count)
    }
}
