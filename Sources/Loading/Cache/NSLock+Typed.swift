import Foundation

extension NSLock {
    /// `withLock` for bodies with a typed error.
    func withTypedLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}
