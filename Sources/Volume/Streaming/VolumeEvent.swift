/// How a volume's streaming ended.
public enum VolumeLoadState: Sendable, Equatable {
    /// Every slice arrived.
    case complete
    /// Streaming finished but these slice indices failed (their voxels are zero or a placeholder).
    case incomplete(failedSlices: [Int])
    /// Streaming was cancelled; slices not yet loaded stay empty.
    case cancelled
}

/// What happens while a volume streams; the render layer uses `sliceLoaded` to know which
/// z-ranges to update, callers use the final state to decide when to re-render.
public enum VolumeEvent: Sendable, Equatable {
    /// Slice `index` arrived: `loaded` of `total` slices are now in, `bytes` were written.
    case sliceLoaded(index: Int, loaded: Int, total: Int, bytes: Int)
    /// Slice `index` (image `imageID`) could not be loaded, after retries.
    case sliceFailed(index: Int, imageID: String, error: String)
    /// A retrieval stage finished.
    case stageFinished(name: String)
    /// Streaming ended in `state`; no event follows.
    case finished(VolumeLoadState)
}
