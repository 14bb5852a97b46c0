import DICOM
import Foundation
import Loading
import Raster
import Render
import Volume

/// One rendered frame of a job: `percent` for a progressive frame (nil for the final one), `cineFrame` for a frame
/// of the request's cine loop (which replaces the final frame), the seconds since the job started, and per volume
/// how many slices it shows.
public struct RenderedFrame: Sendable {
    public var percent: Int?
    public var cineFrame: Int?
    public var frame: Frame
    public var seconds: Double
    public var slicesShown: [Int]
}

/// What a render job reports while it runs.
public enum RenderProgress: Sendable {
    /// The volumes are open (metadata read, voxels allocated): their roles, and what was irregular about each.
    case opened([(role: String, choice: VolumeChoice)], differentFrames: (ct: String, pet: String)?)
    case sliceLoaded(loaded: Int, total: Int)
    case sliceFailed(imageID: String, error: String)
    /// Frame `drawn` (1-based) of a cine loop of `total` frames is drawn and handed on.
    case cineFrameDrawn(drawn: Int, total: Int)
}

/// Renders one request: opens its series in the session (metadata first), decides the view, window and units
/// once from metadata, streams the volumes and draws the progressive frames (each from snapshots holding exactly
/// the first N % of every volume's retrieval order; loading goes on while they are drawn) and the final frame.
public struct RenderJob: Sendable {
    public let request: RenderRequest

    public init(_ request: RenderRequest) {
        self.request = request
    }

    /// Runs the job. `onFrame` receives each frame as it is drawn and returns where it put it (for the report).
    public func run(
        in session: LightboxSession, progress: (RenderProgress) -> Void = { _ in },
        onFrame: (RenderedFrame) async throws -> String?
    ) async throws -> RenderJobReport {
        let started = Date()
        try request.cine?.check(for: request.view)
        let opened = try await open(in: session)
        progress(.opened(opened.volumes.map { ($0.role, $0.series.streaming.choice) }, differentFrames: opened.differentFrames))
        do {
            let report = try await render(opened, in: session, started: started, progress: progress, onFrame: onFrame)
            for v in opened.volumes { await session.release(v.series) }
            return report
        } catch {
            for v in opened.volumes { await session.release(v.series) }
            throw error
        }
    }

    /// Streams the opened volumes and draws every frame (see `run`).
    private func render(
        _ opened: Opened, in session: LightboxSession, started: Date, progress: (RenderProgress) -> Void,
        onFrame: (RenderedFrame) async throws -> String?
    ) async throws -> RenderJobReport {
        let engine = try session.renderEngine()
        var scene = try RenderScene(request: request, volumes: opened.volumes.map(\.series), units: opened.units)
        let image = opened.volumes[0].series.streaming.volume
        scene.layout.segmentations = try request.segmentations.map { request throws(JobError) in try request.overlay(on: image) }
        let streams = opened.volumes.map(\.series.streaming)

        var records: [RenderJobReport.FrameRecord] = []
        var firstFrame: Double?
        func draw(percent: Int?, cineFrame: Int? = nil, layout: Layout? = nil, snapshots: [LoadSnapshot]) async throws {
            let drawn: LayoutFrame
            do { drawn = try await engine.render(layout ?? scene.layout, snapshots: snapshots) } catch { throw JobError.renderFailed("rendering failed: \(error)") }
            let seconds = Date().timeIntervalSince(started)
            let shown = drawn.snapshots.map(\.loadedCount)
            let output = try await onFrame(RenderedFrame(percent: percent, cineFrame: cineFrame, frame: drawn.frame, seconds: seconds, slicesShown: shown))
            if firstFrame == nil { firstFrame = seconds }
            records.append(.init(percent: percent, cineFrame: cineFrame, seconds: seconds, slicesShown: shown, standIns: drawn.showsStandIns, output: output))
        }
        func snapshots(_ percent: Int, _ schedule: ProgressiveSchedule) -> [LoadSnapshot] {
            streams.enumerated().map { v, s in s.volume.snapshot().restricted(to: schedule.slices(percent: percent, volume: v)) }
        }

        let loadStart = Date()
        var firstSlice: Double?
        var schedule = ProgressiveSchedule(volumes: streams, percents: request.progressivePercents)
        let total = streams.reduce(0) { $0 + $1.volume.sliceCount }
        var loaded = 0
        let events = Self.merged(streams)
        for s in streams { s.start() }
        for await (v, event) in events {
            let index: Int
            switch event {
            case .sliceLoaded(let k, _, _, _):
                if firstSlice == nil { firstSlice = Date().timeIntervalSince(loadStart) }
                loaded += 1
                progress(.sliceLoaded(loaded: loaded, total: total))
                index = k
            case .sliceFailed(let k, let imageID, let error):
                progress(.sliceFailed(imageID: imageID, error: error))
                index = k
            case .stageFinished, .finished:
                continue
            }
            for percent in schedule.sliceDone(index, volume: v) { try await draw(percent: percent, snapshots: snapshots(percent, schedule)) }
        }
        var states: [VolumeLoadState] = []
        for s in streams { states.append(await s.load()) }
        for percent in schedule.remaining() { try await draw(percent: percent, snapshots: snapshots(percent, schedule)) }
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let renderStart = Date()
        if let cine = request.cine {
            for index in 0..<cine.frames {
                var turned = request
                turned.angleDegrees = cine.angle(ofFrame: index, from: request.angleDegrees)
                let layout = try RenderScene(request: turned, volumes: opened.volumes.map(\.series), units: opened.units).layout
                try await draw(percent: nil, cineFrame: index, layout: layout, snapshots: [])
                progress(.cineFrameDrawn(drawn: index + 1, total: cine.frames))
            }
        } else {
            try await draw(percent: nil, snapshots: [])
        }
        let renderSeconds = Date().timeIntervalSince(renderStart)

        let notComplete = states.first { $0 != .complete }
        var reductions: [Int] = []
        for opened in opened.volumes {
            reductions.append(await engine.textureStatistics(for: opened.series.streaming.volume)?.reductionFactor ?? 1)
        }
        return RenderJobReport(
            inputs: request.inputDescriptions, view: request.view.name,
            volumes: zip(zip(opened.volumes, states), reductions).map { volume, reduction in
                Self.describe(volume.0.role, volume.0.series, state: volume.1, units: volume.0.units, reduction: reduction)
            },
            window: .init(centre: scene.window.window.centre, width: scene.window.window.width, source: scene.window.source),
            petUnits: opened.units?.name, petUnitsReason: opened.units?.reason,
            differentFramesOfReference: opened.differentFrames.map { PETCTPair.framesMessage(ct: $0.ct, pet: $0.pet) },
            frames: records, loadState: notComplete.map { "\($0)" } ?? "complete",
            timings: .init(firstSliceSeconds: firstSlice, firstFrameSeconds: firstFrame, loadSeconds: loadSeconds,
                           finalRenderSeconds: renderSeconds, totalSeconds: Date().timeIntervalSince(started)),
            renderer: (try? await engine.rendererDescription()) ?? "unknown",
            segmentations: scene.layout.segmentations.map { SegmentationSummary($0.labels, shown: $0.shown) })
    }

    /// The opened volumes with their roles, the PET units of a pair, and frames of reference that differ (allowed).
    private struct Opened {
        var volumes: [(role: String, series: OpenedSeries, units: String)]
        var units: PETUnits?
        var differentFrames: (ct: String, pet: String)?
    }

    private func open(in session: LightboxSession) async throws(JobError) -> Opened {
        switch request.inputs {
        case .series(let input, let uid):
            guard !request.view.needsPETCT else { throw .badInput("the \(request.view.name) view needs a CT and a PET") }
            let series = try await session.open(input, seriesUID: uid, selection: request.selection, order: request.order)
            let units = UnitsPolicy.units(of: series.streaming.volume, representative: series.representative)
            return Opened(volumes: [("volume", series, units)], units: nil, differentFrames: nil)
        case .petCT(let ct, let pet):
            guard request.view.needsPETCT else { throw .badInput("a CT and a PET are rendered as a fusion or the PET/CT layout") }
            let pair = try await PETCTPair.open(
                ct: ct, pet: pet, petSelection: request.selection, allowDifferentFrames: request.allowDifferentFrames,
                order: request.order, in: session)
            return Opened(volumes: [("ct", pair.ct, "HU"), ("pet", pair.pet, pair.units.name)], units: pair.units, differentFrames: pair.differentFrames)
        }
    }

    private static func describe(_ role: String, _ series: OpenedSeries, state: VolumeLoadState, units: String,
                                 reduction: Int) -> RenderJobReport.Volume {
        let streaming = series.streaming, v = streaming.volume, g = v.geometry, choice = streaming.choice
        return RenderJobReport.Volume(
            role: role, series: series.seriesInstanceUID, modality: v.modality, stack: choice.stack, stacks: choice.stackCount,
            volume: choice.volume, volumes: choice.volumeCount, volumeLabel: choice.label, distinguishedBy: choice.distinguishedBy,
            dimensions: [g.dimensions.x, g.dimensions.y, g.dimensions.z], spacingMM: [g.spacing.x, g.spacing.y, g.sliceStepAlongNormal],
            voxelType: v.voxelType.rawValue, units: units, loadState: state == .complete ? "complete" : "\(state)",
            irregularities: choice.irregularities.map(RenderJobReport.Irregularity.init),
            reducedFidelity: reduction > 1 ? reduction : nil)
    }

    /// The events of every volume in one stream, tagged with the volume's index.
    private static func merged(_ streams: [StreamingImageVolume]) -> AsyncStream<(Int, VolumeEvent)> {
        let sources = streams.map { $0.events() }
        return AsyncStream { continuation in
            Task {
                await withTaskGroup(of: Void.self) { group in
                    for (v, events) in sources.enumerated() {
                        group.addTask { for await e in events { continuation.yield((v, e)) } }
                    }
                }
                continuation.finish()
            }
        }
    }
}

extension RenderRequest {
    /// The inputs as given, for reports.
    var inputDescriptions: [String] {
        switch inputs {
        case .series(let input, _): return [input.description]
        case .petCT(let ct, let pet): return [ct.description, pet.description]
        }
    }
}

extension RenderRequest.View {
    /// The command-line name of the view.
    public var name: String {
        switch self {
        case .mpr(.axial): return "axial"
        case .mpr(.coronal): return "coronal"
        case .mpr(.sagittal): return "sagittal"
        case .mpr(.acquisition): return "acquisition"
        case .mpr(.oblique): return "oblique"
        case .mip: return "mip"
        case .volume: return "volume"
        case .triplanar: return "layout-1x3"
        case .mprAndVolume: return "layout-2x2"
        case .fusion: return "fusion"
        case .petCTLayout: return "layout-3x3"
        }
    }
}
