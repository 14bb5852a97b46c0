import Foundation

/// The fragments where codestreams start, for encapsulated data without offset tables: found once per file, on
/// first need, and shared by the file's copies. The streaming loader asks for one frame at a time; finding the
/// starts again for each frame would read every fragment's first bytes once per frame (quadratic).
final class FragmentStartsCache: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [Int]?

    /// The cached starts, or those `find` returns (then cached; a failure is not).
    func starts(_ find: () throws(DICOMError) -> [Int]) throws(DICOMError) -> [Int] {
        if let known = lock.withLock({ starts }) { return known }
        let found = try find()
        lock.withLock { starts = found }
        return found
    }
}
