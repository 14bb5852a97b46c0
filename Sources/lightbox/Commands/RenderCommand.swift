import ArgumentParser
import DICOM
import Foundation
import Loading
import Raster
import Render
import Volume

/// `lightbox render`: one frame (and optional progressive frames) of a DICOM series.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render an MPR, slab or MIP frame of a DICOM series to PNG or JPEG.",
        discussion: """
            Views are defined in patient space and shown in the radiological convention: axial seen from \
            the feet (patient left on screen right), coronal from the front, sagittal from the patient's left.
            Exit codes: 0 written; 2 bad usage or unreadable input; 3 written, but some slices failed to load.

            Examples:
              lightbox render /data/ct -o axial.png --view axial --position 50% --preset lung
              lightbox render /data/ct -o slab.png --view coronal --slab 20 --slab-mode mip
              lightbox render /data/pet -o mip.png --view mip --angle 90 --progressive 25
            """
    )

    @Argument(help: ArgumentHelp("A series folder, files, or file: ids.", valueName: "input"))
    var inputs: [String]
    @Option(name: .shortAndLong, help: ArgumentHelp("The image to write (.png or .jpg); its folder is created.", valueName: "file"))
    var output: String
    @Option(help: "axial, sagittal, coronal, oblique, or mip (rotated maximum intensity projection).")
    var view: ViewKind = .axial
    @Option(help: ArgumentHelp("Where the plane sits: mm along the view's patient axis (z for axial, y coronal, x sagittal; offset from the centre for oblique) or a share of the extent such as 30%. Default: the volume centre.", valueName: "mm|N%"))
    var position: String?
    @Option(help: ArgumentHelp("Oblique plane normal in patient LPS, e.g. 1,0,1.", valueName: "x,y,z"))
    var normal: String?
    @Option(help: ArgumentHelp("Oblique screen-up direction in patient LPS (default superior).", valueName: "x,y,z"))
    var up: String?
    @Option(help: ArgumentHelp("Slab thickness in mm (MPR views).", valueName: "mm"))
    var slab: Double?
    @Option(help: "How a slab is combined: mip, minip or avg.")
    var slabMode: SlabMode = .mip
    @Option(help: ArgumentHelp("MIP rotation about the patient's superior axis, degrees (0 = seen from the front).", valueName: "degrees"))
    var angle = 0.0
    @Option(help: ArgumentHelp("Window centre and width in output units (HU for CT). Default: the file's window.", valueName: "C,W"))
    var window: String?
    @Option(help: "CT window preset: lung, mediastinum, bone or brain.")
    var preset: WindowPreset?
    @Option(help: ArgumentHelp("Output size in pixels.", valueName: "WxH"))
    var size = "512x512"
    @Option(help: "nearest or linear sampling.")
    var sampling: SamplingOption = .linear
    @Option(help: "png or jpeg (default: from the output's extension).")
    var format: ImageFile.Format?
    @Option(help: ArgumentHelp("JPEG quality, 1–100.", valueName: "1-100"))
    var quality = 90
    @Option(help: ArgumentHelp("Also write a frame after every N% of slices while streaming (OUT-025.png …).", valueName: "N"))
    var progressive: Int?
    @Option(help: ArgumentHelp("The SeriesInstanceUID to render when the inputs hold several series.", valueName: "uid"))
    var series: String?
    @Flag(help: "Overwrite existing output files.")
    var force = false
    @Flag(help: "Print a JSON report (inputs, geometry, window, units, frames, timings) on standard output.")
    var json = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        _ = try ValueSyntax.size(size)
        if let window { _ = try ValueSyntax.window(window) }
        if let position { _ = try ValueSyntax.position(position) }
        if let normal { _ = try ValueSyntax.direction(normal, option: "--normal") }
        if let up { _ = try ValueSyntax.direction(up, option: "--up") }
        if let slab, !(slab > 0 && slab.isFinite) { throw ValidationError("--slab must be a positive thickness in mm (got \(slab))") }
        if let progressive, !(1...100).contains(progressive) { throw ValidationError("--progressive must be a percentage 1…100 (got \(progressive))") }
        guard (1...100).contains(quality) else { throw ValidationError("--quality must be 1…100 (got \(quality))") }
        if (normal != nil || up != nil) && view != .oblique { throw ValidationError("--normal and --up apply to --view oblique") }
        if slab != nil && view == .mip { throw ValidationError("--slab applies to MPR views; --view mip projects the whole volume") }
    }

    func run() async throws {
        do { try await render() } catch let error as CommandError { error.exit() }
    }

    private func render() async throws {
        let logger = global.makeLogger("lightbox.render")
        let started = Date()
        let outputURL = URL(fileURLWithPath: output)
        let writer = FrameWriter(
            output: outputURL, format: format ?? (["jpg", "jpeg"].contains(outputURL.pathExtension.lowercased()) ? .jpeg : .png),
            quality: quality, force: force)
        try writer.checkWritable()
        let (width, height) = try ValueSyntax.size(size)
        let builder = ViewBuilder(
            kind: view, position: try position.map(ValueSyntax.position), normal: try normal.map { try ValueSyntax.direction($0, option: "--normal") },
            up: try up.map { try ValueSyntax.direction($0, option: "--up") }, slab: slab.map { Slab(thickness: $0, mode: slabMode.mode) },
            angleDegrees: angle, width: width, height: height, sampling: sampling.sampling)

        let scan = try InputResolver.scan(inputs)
        let chosen = try SeriesSelection.pick(scan, uid: series)
        logger.debug("rendering series \(chosen.seriesInstanceUID) (\(chosen.instances.count) files)")
        let loader = FileImageLoader()
        let manager = VolumeManager(registry: LoaderRegistry([loader]))
        let streaming: StreamingImageVolume
        do { streaming = try await manager.createAndCacheVolume(id: "file:render", series: chosen, fileLoader: loader) }
        catch { throw CommandError.badInput(String(describing: error)) }
        let volume = streaming.volume
        let engine: RenderEngine
        do { engine = try RenderEngine() } catch { throw CommandError(message: error.description, status: .badUsage) }

        var chosenWindow: (VOIWindow, source: String)?
        if let preset { chosenWindow = (preset.window, "preset \(preset.rawValue)") }
        if let window { chosenWindow = (try ValueSyntax.window(window), "--window") }
        func windowNow() -> (VOIWindow, source: String) {
            if let chosenWindow { return chosenWindow }
            let fallback = DefaultWindow.window(for: chosen.representative, volume: volume)
            chosenWindow = fallback
            return fallback
        }
        func frame() async throws -> Frame {
            let w = windowNow().0
            do {
                switch view {
                case .mip: return try await engine.render(builder.mip(for: volume.geometry, window: w), of: volume)
                default: return try await engine.render(builder.mpr(for: volume.geometry, window: w), of: volume)
                }
            } catch { throw CommandError(message: "rendering failed: \(error)", status: .badUsage) }
        }

        var written: [String] = []
        let bar = ProgressBar(label: "streaming", unit: "slices", total: volume.sliceCount, quiet: global.quiet || json)
        let events = streaming.events()
        let loadStart = Date()
        streaming.start()
        var nextPercent = progressive ?? 101
        var firstSliceSeconds: Double?
        var state = VolumeLoadState.complete
        for await event in events {
            switch event {
            case .sliceLoaded(_, let loaded, let total, _):
                if firstSliceSeconds == nil { firstSliceSeconds = Date().timeIntervalSince(loadStart) }
                bar.update(loaded)
                while let step = progressive, loaded * 100 >= nextPercent * total, nextPercent < 100 {
                    let url = writer.progressiveURL(percent: nextPercent)
                    try writer.write(try await frame(), to: url)
                    written.append(url.path)
                    nextPercent += step
                }
            case .sliceFailed(_, let imageID, let error):
                printError("lightbox: slice failed: \(imageID): \(error)")
            case .finished(let final):
                state = final
            case .stageFinished:
                break
            }
        }
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let renderStart = Date()
        let final = try await frame()
        let renderSeconds = Date().timeIntervalSince(renderStart)
        try writer.write(final, to: outputURL)
        written.append(outputURL.path)

        let report = RenderReport(
            inputs: inputs, series: chosen.seriesInstanceUID, modality: volume.modality, view: view.rawValue,
            dimensions: [volume.geometry.dimensions.x, volume.geometry.dimensions.y, volume.geometry.dimensions.z],
            spacingMM: [volume.geometry.spacing.x, volume.geometry.spacing.y, volume.geometry.spacing.z],
            voxelType: volume.voxelType.rawValue,
            window: .init(centre: windowNow().0.centre, width: windowNow().0.width, source: windowNow().source),
            units: volume.rescale.type ?? chosen.representative.string(.units) ?? (volume.modality == "CT" ? "HU" : "stored units"),
            framesWritten: written, loadState: "\(state)",
            timings: .init(firstSliceSeconds: firstSliceSeconds, loadSeconds: loadSeconds, finalRenderSeconds: renderSeconds,
                           totalSeconds: Date().timeIntervalSince(started)),
            renderer: (try? await engine.rendererDescription()) ?? "unknown")
        if json { try printJSON(report) } else if !global.quiet { for path in written { print("wrote \(path)") } }
        if case .incomplete(let failed) = state {
            printError("lightbox: \(failed.count) slice(s) failed to load; the frame shows them empty")
            throw ExitCode(ExitStatus.partialFailure.rawValue)
        }
    }
}

/// The `--json` report of `lightbox render`.
struct RenderReport: Encodable {
    struct Window: Encodable { var centre: Double; var width: Double; var source: String }
    struct Timings: Encodable { var firstSliceSeconds: Double?; var loadSeconds: Double; var finalRenderSeconds: Double; var totalSeconds: Double }
    var inputs: [String]
    var series: String
    var modality: String?
    var view: String
    var dimensions: [Int]
    var spacingMM: [Double]
    var voxelType: String
    var window: Window
    var units: String
    var framesWritten: [String]
    var loadState: String
    var timings: Timings
    var renderer: String
}

/// `--sampling` values.
enum SamplingOption: String, ExpressibleByArgument, CaseIterable {
    case nearest, linear
    var sampling: Sampling { self == .nearest ? .nearest : .linear }
}

extension ImageFile.Format: ExpressibleByArgument {}
