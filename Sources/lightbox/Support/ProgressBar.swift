import Foundation

/// A one-line progress bar on standard error with rate and ETA; silent when standard error is not a
/// terminal or when the user asked for `--quiet`.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let unit: String
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var lastDraw = Date.distantPast

    init(label: String, unit: String, total: Int, quiet: Bool) {
        self.label = label
        self.unit = unit
        self.total = max(total, 1)
        self.enabled = !quiet && standardErrorIsTerminal
    }

    /// Shows `done` of `total`; redraws at most ten times a second (and always at the end).
    func update(_ done: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            guard done >= total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = now
            let elapsed = now.timeIntervalSince(start)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let width = 28
            let filled = min(width, width * done / total)
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let line = String(format: "\r%@ %@ %d/%d %@  %.1f %@/s  ETA %.0fs ", label, bar, done, total, unit, rate, unit, eta)
            FileHandle.standardError.write(Data(line.utf8))
            if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
        }
    }
}
