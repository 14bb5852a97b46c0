import ArgumentParser
import DICOM
import Foundation
import Loading
import Raster
import Render
import Volume
import Jobs

/// `lightbox render`: one frame (and optional progressive frames) of a DICOM series, or of a PET/CT pair.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render an MPR, slab, MIP, PET/CT fusion or layout frame to PNG or JPEG.",
        discussion: """
            Views are defined in patient space and shown in the radiological convention: axial seen from \
            the feet (patient left on screen right), coronal from the front, sagittal from the patient's left, \
            with orientation letters on each edge. volume is a composite volume rendering (orthographic, turned by \
            --angle and --elevation, coloured by --preset); layout-2x2 shows axial, sagittal, coronal and volume. fusion and layout-3x3 need --ct and --pet; PET is shown in \
            SUVbw when its headers allow, else in stored units (the --json report says which).
            Irregular series render: uneven slice steps, missing slices (left empty), gantry tilt, 4D series (volume 0 \
            unless --volume), localizers and images without position (left out); each kind is reported once. \
            --strict refuses them instead. --view acquisition shows the stored slice plane as stored.
            Exit codes: 0 written; 2 bad usage or unreadable input; 3 written, but some slices failed to load.

            Examples:
              lightbox render /data/ct -o axial.png --view axial --position 50% --preset lung
              lightbox render /data/ct -o slab.png --view coronal --slab 20 --slab-mode mip
              lightbox render /data/ct -o vr.png --view volume --preset CT-Bone --angle 30 --elevation 15 --crop 0%,50%,0%,100%,0%,100%
              lightbox render /data/dti -o b0.png --view acquisition --volume 0 --position slice:20
              lightbox render --ct /data/ct --pet /data/pet -o fused.png --view layout-3x3 --progressive 25
              lightbox render /data/pet -o turn.png --view mip --frames 36 --colormap inverted-grey   # turn.png (APNG) + turn.mp4
            """
    )

    @Argument(help: ArgumentHelp("A series folder, files, file: ids, or one dicomweb:<base>/studies/{study}/series/{series} id (not with --ct/--pet).", valueName: "input"))
    var inputs: [String] = []
    @Option(help: ArgumentHelp("The CT series of a PET/CT pair.", valueName: "input"))
    var ct: String?
    @Option(help: ArgumentHelp("The PET series of a PET/CT pair.", valueName: "input"))
    var pet: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("The image to write (.png or .jpg); its folder is created.", valueName: "file"))
    var output: String
    @Option(help: "What to draw; fusion and layout-3x3 take --ct and --pet.")
    var view: ViewKind = .axial
    @Option(help: "The plane of --view fusion.")
    var fusionPlane: FusionPlane = .axial
    @Option(parsing: .numeric, help: ArgumentHelp("Where the plane sits: mm along the view's patient axis (z for axial, y coronal, x sagittal; offset from the centre for oblique; from the first slice along the slice normal for acquisition), a share of the extent such as 30%, or a stored slice such as slice:12. Default: the volume centre.", valueName: "mm|N%|slice:K"))
    var position: String?
    @Option(parsing: .numeric, help: ArgumentHelp("Oblique plane normal in patient LPS, e.g. 1,0,1.", valueName: "x,y,z"))
    var normal: String?
    @Option(parsing: .numeric, help: ArgumentHelp("Oblique screen-up direction in patient LPS (default superior).", valueName: "x,y,z"))
    var up: String?
    @Option(parsing: .numeric, help: ArgumentHelp("Slab thickness in mm (MPR and fusion views).", valueName: "mm"))
    var slab: Double?
    @Option(help: "How a slab is combined: mip, minip or avg.")
    var slabMode: SlabMode = .mip
    @Option(parsing: .numeric, help: ArgumentHelp("MIP and volume rendering rotation about the patient's superior axis, degrees (0 = seen from the front, 90 = from the patient's left).", valueName: "degrees"))
    var angle = 0.0
    @Option(parsing: .numeric, help: ArgumentHelp("Volume rendering elevation, degrees (positive = seen from above).", valueName: "degrees"))
    var elevation = 0.0
    @Option(parsing: .numeric, help: ArgumentHelp("Volume rendering sample step along each ray, mm (default: half the smallest voxel spacing); opacity is corrected for it.", valueName: "mm"))
    var sampleStep: Double?
    @Option(parsing: .numeric, help: ArgumentHelp("Volume rendering crop box in patient LPS: mm or shares of the extent, e.g. 0%,50%,0%,100%,0%,100% keeps the patient's right half.", valueName: "X0,X1,Y0,Y1,Z0,Z1"))
    var crop: String?
    @Option(parsing: .numeric, help: ArgumentHelp("Window centre and width in output units (HU for CT). Default: the file's window.", valueName: "C,W"))
    var window: String?
    @Option(help: ArgumentHelp("CT window preset (lung, mediastinum, bone, brain), or for --view volume and layout-2x2 a volume-rendering preset: a name from `lightbox presets` (default CT-Bone for CT, PET-SUV for PET, MR-Default otherwise) or a preset .json file.", valueName: "name|file.json"))
    var preset: String?
    @Option(parsing: .numeric, help: ArgumentHelp("PET display range in SUVbw (or stored units), default 0,6.", valueName: "LOWER,UPPER"))
    var petWindow: String?
    @Option(help: "Colormap for PET (fusion overlay, PET views, MIP): hot-iron, pet, grey or inverted-grey.")
    var colormap: ColormapOption?
    @Option(parsing: .numeric, help: ArgumentHelp("PET overlay opacity, 0–1.", valueName: "0-1"))
    var opacity = 0.5
    @Option(parsing: .numeric, help: ArgumentHelp("PET values at or below this are not overlaid (display units). Default: the PET window's lower end.", valueName: "value"))
    var threshold: Double?
    @Option(parsing: .numeric, help: ArgumentHelp("Output size in pixels.", valueName: "WxH"))
    var size = "512x512"
    @Option(help: "nearest or linear sampling.")
    var sampling: SamplingOption = .linear
    @Option(help: "png or jpeg (default: from the output's extension).")
    var format: ImageFile.Format?
    @Option(parsing: .numeric, help: ArgumentHelp("JPEG quality, 1–100.", valueName: "1-100"))
    var quality = 90
    @Option(help: "What slices not yet loaded show in progressive frames: background (no data), or nearest (the nearest loaded slice; the --json report marks such frames).")
    var unloaded: UnloadedOption = .background
    @Option(parsing: .numeric, help: ArgumentHelp("Also write a frame after every N% of slices while streaming (OUT-025.png …): it shows exactly the first N% of the retrieval order.", valueName: "N"))
    var progressive: Int?
    @Option(parsing: .numeric, help: ArgumentHelp("Write a rotating loop instead of one frame: N frames turning 360° from --angle (mip, volume, layout-2x2, layout-3x3), as an animated PNG at --output, and as H.264 MP4 beside it (same name, .mp4) when ffmpeg is installed.", valueName: "N"))
    var frames: Int?
    @Option(parsing: .numeric, help: ArgumentHelp("Frames per second of a --frames loop.", valueName: "fps"))
    var fps = 24
    @Option(help: ArgumentHelp("The SeriesInstanceUID to render when the inputs hold several series.", valueName: "uid"))
    var series: String?
    @Option(parsing: .numeric, help: ArgumentHelp("The volume of a 4D series to render, 0-based (for a PET/CT pair: of the PET). Default 0; `lightbox info` lists them.", valueName: "N"))
    var volume = 0
    @Option(parsing: .numeric, help: ArgumentHelp("The stack of a series with several orientations or sizes (localizers), 0-based; 0 is the largest.", valueName: "N"))
    var stack = 0
    @Flag(help: "Refuse any irregular series (uneven steps, gaps, tilt, 4D, localizers, duplicates) instead of rendering it.")
    var strict = false
    @Flag(help: "Leave out the orientation letters and labels.")
    var noLetters = false
    @Flag(help: "Fuse a PET and a CT even when their frames of reference differ (a warning is printed).")
    var allowDifferentFrames = false
    @Flag(help: "Overwrite existing output files.")
    var force = false
    @Flag(help: "Print a JSON report (inputs, geometry, window, units, frames, timings) on standard output.")
    var json = false
    @OptionGroup var segmentation: SegmentationOptions
    @OptionGroup var dicomweb: DICOMwebOptions
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        do {
            let writer = try frameWriter()
            try writer.checkWritable()
            let session = dicomweb.session()
            let cine = try cineWriter(writer)
            let report = try await RenderJob(try request()).run(in: session, progress: Feedback(global: global, json: json).render) { drawn in
                if let cine, drawn.cineFrame != nil {
                    try cine.add(drawn.frame)
                    return nil
                }
                let url = drawn.percent.map(writer.progressiveURL) ?? writer.output
                try writer.write(drawn.frame, to: url)
                return url.path
            }
            let loopFiles = try cine?.finish() ?? []
            if json { try printJSON(report) } else if !global.quiet { for path in report.framesWritten + loopFiles { print("wrote \(path)") } }
            if report.loadState != "complete" {
                printError("lightbox: some slices failed to load (\(report.loadState)); the frame shows them empty")
                throw ExitCode(ExitStatus.partialFailure.rawValue)
            }
        } catch let error as JobError {
            CommandError(error).exit()
        } catch let error as CommandError { error.exit() }
    }
}

/// `--unloaded` values.
enum UnloadedOption: String, ExpressibleByArgument, CaseIterable {
    case background, nearest
    var mode: UnloadedSlices { self == .nearest ? .nearestLoaded : .background }
}

/// `--sampling` values.
enum SamplingOption: String, ExpressibleByArgument, CaseIterable {
    case nearest, linear
    var sampling: Sampling { self == .nearest ? .nearest : .linear }
}

extension ImageFile.Format: ExpressibleByArgument {}
