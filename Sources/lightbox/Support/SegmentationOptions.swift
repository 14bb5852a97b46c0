import ArgumentParser
import Jobs
import Render

/// `--seg` and how segmentations are drawn over every view of `render`.
struct SegmentationOptions: ParsableArguments {
    @Option(name: .customLong("seg"), help: ArgumentHelp(
        "A segmentation to draw over the views (repeatable): DICOM SEG (BINARY, FRACTIONAL thresholded at 0.5, LABELMAP), RTSTRUCT (contours rasterized on the image grid) or a NIfTI label map (.nii, .nii.gz). DICOM segmentations must share the image's frame of reference.",
        valueName: "file"))
    var files: [String] = []

    @Option(name: .customLong("seg-style"), help: "fill, outline or both (MIP views show the mask's projection).")
    var style: SegmentationOverlay.Style = .both

    @Option(name: .customLong("seg-opacity"), parsing: .numeric, help: ArgumentHelp("Fill opacity of segmentations, 0–1.", valueName: "0-1"))
    var opacity: Double = 0.4

    @Option(name: .customLong("segments"), help: ArgumentHelp(
        "Draw only these segments: numbers or names, comma-separated (default: all).", valueName: "list"))
    var segments: String?

    func validate() throws {
        guard (0...1).contains(opacity) else { throw ValidationError("--seg-opacity must be 0…1 (got \(opacity))") }
        if segments != nil && files.isEmpty { throw ValidationError("--segments goes with --seg") }
    }

    /// One request per `--seg` file.
    var requests: [SegmentationRequest] {
        let keys = segments.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        return files.map { SegmentationRequest(path: $0, style: style, opacity: opacity, segments: keys) }
    }
}

extension SegmentationOverlay.Style: ExpressibleByArgument {}
