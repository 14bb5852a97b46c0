import Foundation

/// A streaming parser for `multipart/related` bodies (RFC 2046 §5.1, as WADO-RS frames return them).
///
/// Feed it the body in chunks of any size as they arrive; it reports each part's headers, its body
/// bytes (possibly in several pieces) and its end. Body bytes are found in the chunk itself and lent to the
/// caller (`feed(bytes:_:)`), never copied: only a delimiter's length of bytes straddling two chunks, and a few
/// KB around each header block, pass through its own buffer.
///
/// Accepted: any boundary, a preamble before the first boundary and an epilogue after the last,
/// transport padding (spaces, tabs) after a boundary, parts without headers, and bare LF line ends
/// in header blocks. A body that ends before the closing boundary is an error from `finish()`.
public struct MultipartParser: Sendable {
    /// What the parser found.
    public enum Event: Sendable, Equatable {
        /// A part starts; header names are lowercased, values trimmed.
        case partBegin(headers: [String: String])
        /// Bytes of the current part's body, in order.
        case body([UInt8])
        /// The current part ended.
        case partEnd
    }

    /// What `feed(bytes:_:)` finds: as `Event`, but body bytes are lent, valid only during the call that hands them.
    public enum BorrowedEvent {
        case partBegin(headers: [String: String])
        case body(UnsafeRawBufferPointer)
        case partEnd
    }

    private enum State: Sendable {
        /// Before the first boundary: bytes are discarded.
        case preamble
        /// Just after a boundary: either `--` (the end) or padding and a line end (a part follows).
        case afterBoundary
        /// Reading a part's header block.
        case headers
        /// Reading a part's body, up to the next delimiter.
        case body
        /// After the closing boundary: bytes are discarded.
        case epilogue
    }

    /// `CRLF--boundary`: what ends a body (the first boundary may come without the CRLF).
    private let delimiter: [UInt8]
    private var state = State.preamble
    /// Bytes taken from chunks but not processed yet are `buffer[start...]`.
    private var buffer: [UInt8]
    private var start = 0
    /// Longest header block accepted.
    public let maxHeaderBytes: Int
    /// Number of parts completed.
    public private(set) var partCount = 0
    /// Bytes moved into `buffer` at a time outside a body (a header block is found within a step or two).
    private static let bufferedStep = 4096

    /// A parser for `boundary` (the parameter value, without the leading `--`).
    public init(boundary: String, maxHeaderBytes: Int = 64 * 1024) throws(DICOMwebError) {
        guard !boundary.isEmpty, boundary.utf8.count <= 200 else {
            throw .malformedMultipart(reason: "boundary must be 1 to 200 characters")
        }
        delimiter = Array("\r\n--\(boundary)".utf8)
        // A virtual line end before the body lets the first boundary sit at offset 0.
        buffer = [0x0D, 0x0A]
        self.maxHeaderBytes = maxHeaderBytes
    }

    /// True once the closing boundary has been read.
    public var isFinished: Bool { if case .epilogue = state { return true } else { return false } }

    /// Parses `chunk`, calling `handle` for each event in order, body bytes copied out.
    public mutating func feed<C: Collection<UInt8>>(
        _ chunk: C, _ handle: (Event) throws -> Void
    ) throws {
        func copying(_ event: BorrowedEvent) throws {
            switch event {
            case .partBegin(let headers): try handle(.partBegin(headers: headers))
            case .body(let bytes): try handle(.body(Array(bytes)))
            case .partEnd: try handle(.partEnd)
            }
        }
        if try chunk.withContiguousStorageIfAvailable({ try feed(bytes: UnsafeRawBufferPointer($0), copying) }) == nil {
            try Array(chunk).withUnsafeBytes { try feed(bytes: $0, copying) }
        }
    }

    /// Parses `chunk`, returning its events.
    public mutating func feed<C: Collection<UInt8>>(_ chunk: C) throws -> [Event] {
        var events: [Event] = []
        try feed(chunk) { events.append($0) }
        return events
    }

    /// Parses `chunk`, calling `handle` for each event in order; body events lend bytes of `chunk` itself (or of
    /// the few bytes kept from the chunk before), valid only during the call.
    public mutating func feed(bytes chunk: UnsafeRawBufferPointer, _ handle: (BorrowedEvent) throws -> Void) throws {
        var offset = 0
        while offset < chunk.count {
            if case .epilogue = state { return }
            if case .body = state, available == 0 {
                offset = try scanBody(chunk, from: offset, handle)
                continue
            }
            // Through the buffer: inside a body just enough to tell whether the bytes kept start a delimiter,
            // elsewhere a step that usually holds a whole header block.
            let isBody: Bool
            if case .body = state { isBody = true } else { isBody = false }
            let taken = min(chunk.count - offset, isBody ? delimiter.count : Self.bufferedStep)
            if start > 0, start >= buffer.count / 2 {
                buffer.removeFirst(start)
                start = 0
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[offset..<(offset + taken)]))
            offset += taken
            try process(handle)
            // Inside a body, what is left in the buffer came from this chunk: scan it there instead.
            if case .body = state, available <= taken {
                offset -= available
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
        }
    }

    /// A body scanned in `chunk` itself (nothing kept from before): lends the bytes up to the delimiter, or up to
    /// where a delimiter could still start, and keeps that short tail. Returns where to go on in `chunk`.
    private mutating func scanBody(_ chunk: UnsafeRawBufferPointer, from offset: Int,
                                   _ handle: (BorrowedEvent) throws -> Void) throws -> Int {
        if let at = Self.find(delimiter, in: chunk, from: offset) {
            if at > offset { try handle(.body(UnsafeRawBufferPointer(rebasing: chunk[offset..<at]))) }
            state = .afterBoundary
            partCount += 1
            try handle(.partEnd)
            return at + delimiter.count
        }
        let safeEnd = max(offset, chunk.count - (delimiter.count - 1))
        if safeEnd > offset { try handle(.body(UnsafeRawBufferPointer(rebasing: chunk[offset..<safeEnd]))) }
        buffer.removeAll(keepingCapacity: true)
        start = 0
        buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[safeEnd...]))
        return chunk.count
    }

    /// Declares the end of the body; throws when the closing boundary never came.
    public func finish() throws(DICOMwebError) {
        switch state {
        case .epilogue: return
        case .preamble: throw .malformedMultipart(reason: "no boundary found in the body")
        case .body, .headers, .afterBoundary:
            throw .malformedMultipart(reason: "body ended inside part \(partCount + 1), before the closing boundary")
        }
    }

    private var available: Int { buffer.count - start }

    private mutating func process(_ handle: (BorrowedEvent) throws -> Void) throws {
        while true {
            switch state {
            case .preamble:
                if let at = findInBuffer(delimiter) {
                    start = at + delimiter.count
                    state = .afterBoundary
                } else {
                    // Keep only what could still be the start of a delimiter.
                    start = max(start, buffer.count - (delimiter.count - 1))
                    return
                }
            case .afterBoundary:
                // `--` closes; otherwise optional padding, then CRLF or LF.
                guard available >= 2 else { return }
                if buffer[start] == 0x2D, buffer[start + 1] == 0x2D {
                    state = .epilogue
                    buffer.removeAll()
                    start = 0
                    return
                }
                var i = start
                while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x09 { i += 1 }
                guard i < buffer.count else { return }
                if buffer[i] == 0x0A {
                    start = i + 1
                } else if buffer[i] == 0x0D {
                    guard i + 1 < buffer.count else { return }
                    guard buffer[i + 1] == 0x0A else { throw DICOMwebError.malformedMultipart(reason: "CR without LF after a boundary") }
                    start = i + 2
                } else {
                    throw DICOMwebError.malformedMultipart(reason: "unexpected byte \(buffer[i]) after a boundary")
                }
                state = .headers
            case .headers:
                guard let (end, next) = headerBlockEnd() else {
                    if available > maxHeaderBytes {
                        throw DICOMwebError.malformedMultipart(reason: "part headers longer than \(maxHeaderBytes) bytes")
                    }
                    return
                }
                let headers = Self.parseHeaders(buffer[start..<end])
                start = next
                state = .body
                try handle(.partBegin(headers: headers))
            case .body:
                if let at = findInBuffer(delimiter) {
                    if at > start { try lend(start..<at, handle) }
                    start = at + delimiter.count
                    state = .afterBoundary
                    partCount += 1
                    try handle(.partEnd)
                } else {
                    let safeEnd = buffer.count - (delimiter.count - 1)
                    if safeEnd > start {
                        try lend(start..<safeEnd, handle)
                        start = safeEnd
                    }
                    return
                }
            case .epilogue:
                return
            }
        }
    }

    /// Where the header block ends (exclusive, before the blank line) and where the body starts.
    private func headerBlockEnd() -> (Int, Int)? {
        // No headers at all: the body starts right after the boundary line.
        if available >= 1, buffer[start] == 0x0A { return (start, start + 1) }
        if available >= 2, buffer[start] == 0x0D, buffer[start + 1] == 0x0A { return (start, start + 2) }
        var i = start
        while i < buffer.count {
            if buffer[i] == 0x0A {
                // LF LF or LF CR LF ends the block.
                if i + 1 < buffer.count, buffer[i + 1] == 0x0A { return (i, i + 2) }
                if i + 2 < buffer.count, buffer[i + 1] == 0x0D, buffer[i + 2] == 0x0A { return (i, i + 3) }
            }
            i += 1
        }
        return nil
    }

    /// The headers of a block: lines split at LF (a CR before it dropped), names lowercased (ASCII) and values
    /// trimmed of spaces and tabs, a line that starts with a space or tab continuing the header before it. Read
    /// byte by byte: a series retrieve has a header block per instance, and going through `String` and Foundation
    /// for each cost more than parsing the instance.
    private static func parseHeaders(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        var headers: [String: String] = [:]
        var lastName: String?
        bytes.withUnsafeBufferPointer { block in
            var lineStart = 0
            while lineStart < block.count {
                var lineEnd = lineStart
                while lineEnd < block.count, block[lineEnd] != 0x0A { lineEnd += 1 }
                let next = lineEnd + 1
                if lineEnd > lineStart, block[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                defer { lineStart = next }
                guard lineEnd > lineStart else { continue }
                let line = UnsafeBufferPointer(rebasing: block[lineStart..<lineEnd])
                if line[0] == 0x20 || line[0] == 0x09 {
                    if let name = lastName { headers[name, default: ""] += " " + Self.trimmed(line[...]) }  // folded line
                    continue
                }
                guard let colon = line.firstIndex(of: 0x3A) else { continue }
                let name = Self.trimmed(line[..<colon], lowercased: true)
                headers[name] = Self.trimmed(line[(colon + 1)...])
                lastName = name
            }
        }
        return headers
    }

    /// `bytes` as text without leading and trailing spaces and tabs, ASCII letters lowercased if asked.
    private static func trimmed(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, lowercased: Bool = false) -> String {
        var from = bytes.startIndex, to = bytes.endIndex
        while from < to, bytes[from] == 0x20 || bytes[from] == 0x09 { from += 1 }
        while to > from, bytes[to - 1] == 0x20 || bytes[to - 1] == 0x09 { to -= 1 }
        let text = bytes[from..<to]
        guard lowercased else { return String(decoding: text, as: UTF8.self) }
        return String(decoding: text.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Hands `range` of the buffer to `handle` as body bytes.
    private func lend(_ range: Range<Int>, _ handle: (BorrowedEvent) throws -> Void) throws {
        try buffer.withUnsafeBytes { try handle(.body(UnsafeRawBufferPointer(rebasing: $0[range]))) }
    }

    /// The first index ≥ `start` where `pattern` starts in the buffer.
    private func findInBuffer(_ pattern: [UInt8]) -> Int? {
        buffer.withUnsafeBytes { Self.find(pattern, in: $0, from: start) }
    }

    /// The first index ≥ `from` where `pattern` starts in `haystack` (memchr for the first byte, then
    /// memcmp: fast even in debug builds).
    private static func find(_ pattern: [UInt8], in haystack: UnsafeRawBufferPointer, from: Int) -> Int? {
        let n = pattern.count
        guard n > 0, haystack.count - from >= n, let base = haystack.baseAddress else { return nil }
        return pattern.withUnsafeBytes { needle -> Int? in
            guard let needleBase = needle.baseAddress else { return nil }
            var position = from
            let last = haystack.count - n
            while position <= last {
                guard let hit = memchr(base + position, Int32(pattern[0]), last - position + 1) else { return nil }
                let offset = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + offset, needleBase, n) == 0 { return offset }
                position = offset + 1
            }
            return nil
        }
    }
}

/// Parsing of media types such as `multipart/related; type="application/octet-stream"; boundary=…`.
public struct MediaType: Sendable, Equatable {
    /// `type/subtype`, lowercased.
    public var type: String
    /// Parameters with lowercased names; quoted values unquoted (backslash escapes resolved).
    public var parameters: [String: String]

    public init(_ text: String) {
        var fields: [String] = []
        var current = ""
        var inQuotes = false, escaped = false
        for c in text {
            if escaped { current.append(c); escaped = false; continue }
            if inQuotes, c == "\\" { current.append(c); escaped = true; continue }
            if c == "\"" { inQuotes.toggle() }
            if c == ";", !inQuotes { fields.append(current); current = ""; continue }
            current.append(c)
        }
        fields.append(current)
        type = fields[0].trimmingCharacters(in: .whitespaces).lowercased()
        var parameters: [String: String] = [:]
        for field in fields.dropFirst() {
            guard let eq = field.firstIndex(of: "=") else { continue }
            let name = field[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            var value = field[field.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                var unquoted = "", escaping = false
                for c in value.dropFirst().dropLast() {
                    if escaping { unquoted.append(c); escaping = false } else if c == "\\" { escaping = true } else { unquoted.append(c) }
                }
                value = unquoted
            }
            parameters[name] = value
        }
        self.parameters = parameters
    }
}
