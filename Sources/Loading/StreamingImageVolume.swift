import Foundation
import Volume

/// A volume created from metadata alone whose slices stream in from a loader, in a chosen order,
/// with bounded concurrency; every insert is published as a `VolumeEvent`.
public final class StreamingImageVolume: @unchecked Sendable {
    /// The voxels and geometry; renderable at any time.
    public let volume: ImageVolume
    public let loader: any ImageLoader
    public let order: RetrievalOrder
    /// Slices fetched and decoded at once.
    public let concurrency: Int
    /// Fill slices not yet loaded from their nearest loaded neighbour after each stage.
    public let fillPlaceholders: Bool
    /// Which stack and volume of its series this is, and what was irregular about it.
    public let choice: VolumeChoice

    private let broadcaster = EventBroadcaster()
    private let lock = NSLock()
    private var streamingTask: Task<VolumeLoadState, Never>?
    private var failed: [Int] = []
    private var loaded = 0

    public init(
        volume: ImageVolume, loader: any ImageLoader, order: RetrievalOrder = .interleaved,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, fillPlaceholders: Bool = false,
        choice: VolumeChoice = VolumeChoice()
    ) {
        self.choice = choice
        self.volume = volume
        self.loader = loader
        self.order = order
        self.concurrency = max(1, concurrency)
        self.fillPlaceholders = fillPlaceholders
    }

    public var id: String { volume.id }

    /// A stream of this volume's events from now on (ends after `.finished`).
    public func events() -> AsyncStream<VolumeEvent> { broadcaster.subscribe() }

    /// Starts streaming if it has not started, and waits for it to end.
    @discardableResult
    public func load() async -> VolumeLoadState {
        await start().value
    }

    /// Starts streaming in the background (once) and returns the task that ends with the final state.
    @discardableResult
    public func start() -> Task<VolumeLoadState, Never> {
        lock.withLock {
            if let task = streamingTask { return task }
            let task = Task { await self.stream() }
            streamingTask = task
            return task
        }
    }

    /// Stops outstanding work promptly; slices already written stay, the state becomes `.cancelled`.
    public func cancel() {
        lock.withLock { streamingTask }?.cancel()
    }

    private func stream() async -> VolumeLoadState {
        for stage in order.stages(volume.sliceCount) {
            await withTaskGroup(of: Void.self) { group in
                var next = 0
                func addNext() {
                    guard next < stage.indices.count, !Task.isCancelled else { return }
                    let k = stage.indices[next]
                    next += 1
                    group.addTask { await self.loadSlice(k) }
                }
                for _ in 0..<concurrency { addNext() }
                while await group.next() != nil { addNext() }
            }
            if Task.isCancelled { break }
            if fillPlaceholders { fillFromNeighbours() }
            broadcaster.publish(.stageFinished(name: stage.name))
        }
        let state: VolumeLoadState
        if Task.isCancelled {
            state = .cancelled
        } else {
            let failedSlices = lock.withLock { failed.sorted() }
            state = failedSlices.isEmpty ? .complete : .incomplete(failedSlices: failedSlices)
        }
        broadcaster.publish(.finished(state))
        return state
    }

    private func loadSlice(_ k: Int) async {
        let slice = volume.slices[k]
        do {
            // Loaders retry what is worth retrying themselves (DICOMwebClient, per request): a failure here is final.
            let payload = try await loader.loadPixels(of: slice)
            try Task.checkCancellation()
            try volume.insert(slice: k) { buffer in try payload.write(into: buffer, as: volume.voxelType) }
            let bytes = volume.geometry.sliceVoxelCount * volume.voxelType.byteCount
            // Counting and publishing under one lock, so subscribers see `loaded` rise 1, 2, 3…
            // even when two slices finish at the same moment.
            lock.withLock {
                loaded += 1
                broadcaster.publish(.sliceLoaded(index: k, loaded: loaded, total: volume.sliceCount, bytes: bytes))
            }
        } catch is CancellationError {
            return
        } catch {
            if Task.isCancelled { return }
            volume.markFailed(slice: k)
            lock.withLock { failed.append(k) }
            broadcaster.publish(.sliceFailed(index: k, imageID: slice.imageID, error: String(describing: error)))
        }
    }

    private func fillFromNeighbours() {
        let states = volume.sliceStates
        let loadedIndices = states.indices.filter { states[$0] == .loaded }
        guard !loadedIndices.isEmpty else { return }
        for k in states.indices where states[k] == .empty || states[k] == .placeholder {
            let nearest = loadedIndices.min { abs($0 - k) < abs($1 - k) }!
            let source = volume.sliceBytes(nearest)
            volume.insert(slice: k, state: .placeholder) { destination in
                destination.copyMemory(from: UnsafeRawBufferPointer(source))
            }
        }
    }
}
