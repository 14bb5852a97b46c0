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
        let stages = order.stages(volume.sliceCount)
        if let batch = loader as? any BatchImageLoader {
            await stream(stages, batch: batch)
        } else {
            for stage in stages {
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

    /// A batch loader gets every slice of the order in one call, the leading stages that fit in one round of
    /// `concurrency` requests marked as most urgent. Slices arrive in any order, several at once; a stage is finished
    /// (in stage order, placeholders filled then) once each of its slices arrived or failed. With placeholders,
    /// inserts and fills are serialised (a fill copies from loaded slices); without, slices are written side by side.
    private func stream(_ stages: [RetrievalStage], batch: any BatchImageLoader) async {
        let indices = stages.flatMap(\.indices)
        var leading = 0
        for stage in stages {
            guard leading + stage.indices.count <= concurrency else { break }
            leading += stage.indices.count
        }
        let progress = LockedStages(stages)
        await batch.loadPixels(of: indices.map { volume.slices[$0] }, leading: leading, concurrency: concurrency) { position, result in
            let k = indices[position]
            if !self.fillPlaceholders { self.record(k, result) }
            progress.serialised {
                if self.fillPlaceholders { self.record(k, result) }
                for name in progress.done(k) {
                    if self.fillPlaceholders { self.fillFromNeighbours() }
                    self.broadcaster.publish(.stageFinished(name: name))
                }
            }
        }
    }

    private func loadSlice(_ k: Int) async {
        // Loaders retry what is worth retrying themselves (DICOMwebClient, per request): a failure here is final.
        let result: Result<any PixelPayload, any Error>
        do { result = .success(try await loader.loadPixels(of: volume.slices[k])) } catch { result = .failure(error) }
        record(k, result)
    }

    /// Writes a fetched slice into the volume and publishes it, or marks it failed (cancellations are neither).
    private func record(_ k: Int, _ result: Result<any PixelPayload, any Error>) {
        let slice = volume.slices[k]
        do {
            let payload = try result.get()
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

/// Which stages of a retrieval order are complete while their slices arrive in any order, behind one lock that
/// also serialises what happens on each arrival.
private final class LockedStages: @unchecked Sendable {
    private let lock = NSLock()
    private let stages: [RetrievalStage]
    private var remaining: [Int]
    private var stageOf: [Int: Int] = [:]
    private var published = 0

    init(_ stages: [RetrievalStage]) {
        self.stages = stages
        remaining = stages.map(\.indices.count)
        for (s, stage) in stages.enumerated() { for k in stage.indices { stageOf[k] = s } }
    }

    func serialised(_ body: () -> Void) { lock.withLock(body) }

    /// Records slice `k` as arrived (call inside `serialised`); returns the names of the stages now finished, in order.
    func done(_ k: Int) -> [String] {
        if let s = stageOf.removeValue(forKey: k) { remaining[s] -= 1 }
        var names: [String] = []
        while published < stages.count, remaining[published] == 0 {
            names.append(stages[published].name)
            published += 1
        }
        return names
    }
}
