import DICOM
import Foundation
import Loading
import Raster
import Render
import Volume

/// Carries out `lightbox render`: streams the input(s), renders progressive and final frames, reports.
struct FrameRenderer {
    let command: RenderCommand
    let writer: FrameWriter
    let width: Int
    let height: Int
    let started = Date()

    init(command: RenderCommand) throws {
        self.command = command
        let outputURL = URL(fileURLWithPath: command.output)
        let ext = outputURL.pathExtension.lowercased()
        writer = FrameWriter(output: outputURL, format: command.format ?? (["jpg", "jpeg"].contains(ext) ? .jpeg : .png),
                             quality: command.quality, force: command.force)
        try writer.checkWritable()
        (width, height) = try ValueSyntax.size(command.size)
    }

    private func builder(kind: ViewKind) throws -> ViewBuilder {
        ViewBuilder(
            kind: kind, position: try command.position.map(ValueSyntax.position),
            normal: try command.normal.map { try ValueSyntax.direction($0, option: "--normal") },
            up: try command.up.map { try ValueSyntax.direction($0, option: "--up") },
            slab: command.slab.map { Slab(thickness: $0, mode: command.slabMode.mode) },
            angleDegrees: command.angle, width: width, height: height, sampling: command.sampling.sampling)
    }

    private func userWindow() throws -> (VOIWindow, source: String)? {
        if let window = command.window { return (try ValueSyntax.window(window), "--window") }
        if let preset = command.preset { return (preset.window, "preset \(preset.rawValue)") }
        return nil
    }

    private func makeEngine() throws -> RenderEngine {
        do { return try RenderEngine() } catch { throw CommandError(message: error.description, status: .badUsage) }
    }

    private func draw(_ layout: Layout, on engine: RenderEngine) async throws -> Frame {
        do { return try await engine.render(layout).frame } catch { throw CommandError(message: "rendering failed: \(error)", status: .badUsage) }
    }

    private static func describe(_ role: String, _ seriesUID: String, _ streaming: StreamingImageVolume, state: VolumeLoadState, units: String) -> RenderReport.Volume {
        let v = streaming.volume, g = v.geometry, choice = streaming.choice
        return RenderReport.Volume(
            role: role, series: seriesUID, modality: v.modality, stack: choice.stack, stacks: choice.stackCount,
            volume: choice.volume, volumes: choice.volumeCount, volumeLabel: choice.label, distinguishedBy: choice.distinguishedBy,
            dimensions: [g.dimensions.x, g.dimensions.y, g.dimensions.z],
            spacingMM: [g.spacing.x, g.spacing.y, g.sliceStepAlongNormal], voxelType: v.voxelType.rawValue, units: units,
            loadState: state == .complete ? "complete" : "\(state)", irregularities: choice.irregularities.map(RenderReport.Irregularity.init))
    }

    /// Prints each irregularity of a volume once, as a warning (not with --quiet or --json).
    private func warn(about streaming: StreamingImageVolume, role: String) {
        guard !command.global.quiet, !command.json else { return }
        for irregularity in streaming.choice.irregularities { printError("lightbox: warning: \(role): \(irregularity)") }
    }

    private var selection: VolumeSelection { VolumeSelection(stack: command.stack, volume: command.volume, strict: command.strict) }

    /// One series: MPR, oblique, slab, MIP or the 1×3 layout.
    func renderSeries() async throws -> RenderReport {
        let source = try await SeriesSource.open(command.inputs, seriesUID: command.series, selection: selection, dicomweb: command.dicomweb)
        let streaming = source.streaming
        warn(about: streaming, role: "series")
        let volume = streaming.volume
        let engine = try makeEngine()
        let views = try builder(kind: command.view)
        let letters = !command.noLetters
        var window = try userWindow()
        func layout() throws -> Layout {
            let plane = [.mip, .layout1x3].contains(command.view) ? nil : try views.plane(for: volume.geometry)
            let chosenWindow = window ?? DefaultWindow.window(for: volume, plane: plane)
            window = chosenWindow
            switch command.view {
            case .mip:
                return .single(.mip(views.mip(for: volume.geometry, window: chosenWindow.0), volume, colormap: command.colormap?.colormap ?? .grey), orientationLetters: letters)
            case .layout1x3:
                return .triplanar(volume, window: chosenWindow.0, viewportWidth: width / 3, viewportHeight: height,
                                  sampling: command.sampling.sampling, orientationLetters: letters)
            default:
                return .single(.mpr(try views.mpr(for: volume.geometry, window: chosenWindow.0), volume), orientationLetters: letters)
            }
        }
        var written: [String] = []
        let loadStart = Date()
        var firstSlice: Double?
        let bar = ProgressBar(label: "streaming", unit: "slices", total: volume.sliceCount, quiet: command.global.quiet || command.json)
        let events = streaming.events()
        streaming.start()
        var next = command.progressive ?? 101
        for await event in events {
            if case .sliceLoaded(_, let loaded, let total, _) = event {
                if firstSlice == nil { firstSlice = Date().timeIntervalSince(loadStart) }
                bar.update(loaded)
                while let step = command.progressive, loaded * 100 >= next * total, next < 100 {
                    let url = writer.progressiveURL(percent: next)
                    try writer.write(try await draw(try layout(), on: engine), to: url)
                    written.append(url.path)
                    next += step
                }
            }
            if case .sliceFailed(_, let imageID, let error) = event { printError("lightbox: slice failed: \(imageID): \(error)") }
        }
        let state = await streaming.load()
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let renderStart = Date()
        let frame = try await draw(try layout(), on: engine)
        let renderSeconds = Date().timeIntervalSince(renderStart)
        try writer.write(frame, to: writer.output)
        written.append(writer.output.path)
        let used = window ?? (VOIWindow(centre: 0, width: 1), "none")
        let units = volume.rescale.type ?? source.representative.string(.units) ?? (volume.modality == "CT" ? "HU" : "stored units")
        return RenderReport(
            inputs: command.inputs, view: command.view.rawValue, volumes: [Self.describe("volume", source.seriesInstanceUID, streaming, state: state, units: units)],
            window: .init(centre: used.0.centre, width: used.0.width, source: used.source), petUnits: nil, petUnitsReason: nil,
            framesWritten: written, loadState: state == .complete ? "complete" : "\(state)",
            timings: .init(firstSliceSeconds: firstSlice, loadSeconds: loadSeconds, finalRenderSeconds: renderSeconds,
                           totalSeconds: Date().timeIntervalSince(started)),
            renderer: (try? await engine.rendererDescription()) ?? "unknown")
    }

    /// A CT and a PET: a fusion view or the 3×3 + MIP layout.
    func renderPETCT() async throws -> RenderReport {
        guard let ctInput = command.ct, let petInput = command.pet else { throw CommandError.badInput("--ct and --pet are both needed") }
        let ctSeries = try SeriesSelection.pick(try InputResolver.scan([ctInput]), uid: nil)
        let petSeries = try SeriesSelection.pick(try InputResolver.scan([petInput]), uid: nil)
        let session = try await PETCTSession.open(
            ct: ctSeries, pet: petSeries, petSelection: selection, allowDifferentFrames: command.allowDifferentFrames)
        warn(about: session.ct, role: "CT")
        warn(about: session.pet, role: "PET")
        let engine = try makeEngine()
        let ctPlane = command.view == .fusion ? try builder(kind: command.fusionPlane.kind).plane(for: session.ct.volume.geometry) : nil
        let ctWindow = try userWindow() ?? DefaultWindow.window(for: session.ct.volume, plane: ctPlane)
        let petWindow = try command.petWindow.map(ValueSyntax.petWindow) ?? .suv0to6
        let ct = session.ct.volume, pet = session.pet.volume
        let letters = !command.noLetters
        let planeBuilder = try builder(kind: command.fusionPlane.kind)
        func layout() throws -> Layout {
            switch command.view {
            case .layout3x3:
                let options = PETCTOptions(
                    ctWindow: ctWindow.0, petWindow: petWindow, fusionColormap: command.colormap?.colormap ?? .hotIron,
                    opacity: command.opacity, threshold: command.threshold, mipAngle: command.angle * .pi / 180,
                    sampling: command.sampling.sampling, orientationLetters: letters, allowDifferentFrames: command.allowDifferentFrames)
                return .petCT(ct: ct, pet: pet, units: session.units, through: nil, width: width, height: height, options: options)
            default:
                let fitted = try planeBuilder.mpr(for: ct.geometry, window: ctWindow.0)
                let view = FusionView(
                    plane: fitted.plane, width: width, height: height, pixelSpacing: fitted.pixelSpacing, ctWindow: ctWindow.0,
                    petWindow: petWindow, colormap: command.colormap?.colormap ?? .hotIron, opacity: command.opacity,
                    threshold: command.threshold, units: session.units, layers: .fused, sampling: command.sampling.sampling,
                    slab: fitted.slab, allowDifferentFrames: command.allowDifferentFrames)
                return .single(.fusion(view, ct: ct, pet: pet), orientationLetters: letters)
            }
        }
        var written: [String] = []
        let loadStart = Date()
        let states = try await session.stream(progressiveStep: command.progressive, quiet: command.global.quiet || command.json) { percent in
            let url = writer.progressiveURL(percent: percent)
            try writer.write(try await draw(try layout(), on: engine), to: url)
            written.append(url.path)
        }
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let renderStart = Date()
        try writer.write(try await draw(try layout(), on: engine), to: writer.output)
        let renderSeconds = Date().timeIntervalSince(renderStart)
        written.append(writer.output.path)
        let notComplete = [states.0, states.1].first { $0 != .complete }
        return RenderReport(
            inputs: [ctInput, petInput], view: command.view.rawValue,
            volumes: [Self.describe("ct", ctSeries.seriesInstanceUID, session.ct, state: states.0, units: "HU"),
                      Self.describe("pet", petSeries.seriesInstanceUID, session.pet, state: states.1, units: session.units.name)],
            window: .init(centre: ctWindow.0.centre, width: ctWindow.0.width, source: ctWindow.source),
            petUnits: session.units.name, petUnitsReason: session.units.reason, framesWritten: written,
            loadState: notComplete.map { "\($0)" } ?? "complete",
            timings: .init(firstSliceSeconds: nil, loadSeconds: loadSeconds, finalRenderSeconds: renderSeconds,
                           totalSeconds: Date().timeIntervalSince(started)),
            renderer: (try? await engine.rendererDescription()) ?? "unknown")
    }
}
