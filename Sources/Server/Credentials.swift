#if Server
import Foundation

/// Who may use the server: bearer tokens and HTTP basic user/password pairs. `accepts` compares a request's
/// `Authorization` header with every credential in constant time (no early exit on the first differing byte
/// or on a match), so a wrong token takes the same path as a right one.
public struct Credentials: Sendable {
    /// Accepted `Authorization` header values, as bytes (`Bearer <token>`, `Basic <base64(user:password)>`).
    private let headers: [[UInt8]]

    public init(tokens: [String] = [], basic: [(user: String, password: String)] = []) {
        headers = tokens.map { Array("Bearer \($0)".utf8) }
            + basic.map { Array(("Basic " + Data("\($0.user):\($0.password)".utf8).base64EncodedString()).utf8) }
    }

    /// True when no credential is configured.
    public var isEmpty: Bool { headers.isEmpty }

    /// True when `authorization` (the header value) equals one of the credentials.
    public func accepts(_ authorization: String?) -> Bool {
        let given = Array((authorization ?? "").utf8)
        var matched: UInt8 = 0
        for expected in headers { matched |= Self.constantTimeEqual(given, expected) }
        return matched == 1
    }

    /// 1 when equal, else 0; the time depends on the lengths only, never on where the bytes differ.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> UInt8 {
        var difference = UInt(a.count ^ b.count)
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            difference |= UInt(x ^ y)
        }
        return difference == 0 ? 1 : 0
    }

    /// Credentials from a tokens file (one token a line; blank lines and `#` comments skipped), a list of tokens
    /// from the environment (comma- or newline-separated) and a basic-auth file (`user:password` a line).
    public static func load(tokenFile: String?, tokenEnvironment: String?, basicFile: String?) throws(ServeConfigurationError) -> Credentials {
        var tokens: [String] = []
        if let tokenFile { tokens += try lines(tokenFile, what: "token file") }
        if let tokenEnvironment, let value = ProcessInfo.processInfo.environment[tokenEnvironment] {
            tokens += value.split(whereSeparator: { $0 == "," || $0.isNewline }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var basic: [(String, String)] = []
        if let basicFile {
            for (number, line) in try lines(basicFile, what: "basic-auth file").enumerated() {
                guard let colon = line.firstIndex(of: ":"), colon != line.startIndex, line.index(after: colon) != line.endIndex else {
                    throw .badCredentialsFile(path: basicFile, reason: "entry \(number + 1) is not user:password")
                }
                basic.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        return Credentials(tokens: tokens, basic: basic)
    }

    private static func lines(_ path: String, what: String) throws(ServeConfigurationError) -> [String] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .badCredentialsFile(path: path, reason: "the \(what) cannot be read (\(error.localizedDescription))")
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
#endif
