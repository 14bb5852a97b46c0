import Dispatch

/// Maps over an array on all cores, keeping order.
///
/// It lives in Volume, which has no HTTP, so every layer above (the file scanner, the image differ) reaches it.
public enum ParallelMap {
    public static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // Deinitialize before freeing: the results were copied out below, and skipping this leaked every
            // result (for the thumbnails job, every series' headers: memory grew with the archive).
            results.deinitialize()
            results.deallocate()
        }
        nonisolated(unsafe) let output = results
        // Each iteration writes only its own index, so the writes never overlap.
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            output[index] = transform(items[index])
        }
        return results.map { $0! }
    }
}
