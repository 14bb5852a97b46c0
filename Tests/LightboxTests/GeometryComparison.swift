import DICOM
import Foundation

/// Compares the default volume `lightbox info --json` reports for one input folder with what dcm2niix writes for
/// the same folder, by the rules stated on `GeometryAgainstDcm2niixTests`. Measures only; the test asserts.
struct GeometryComparison {
    /// Which corners are compared.
    enum Rule: String {
        case allCorners = "8 corners"
        case equalised = "8 corners vs dcm2niix's _Eq output (uneven steps)"
        case firstSlice = "first-slice corners (dcm2niix guessed the slice step)"
        case tiltedFirstRow = "tilted: dcm2niix's anchored first row"
    }

    enum Outcome {
        case compared(GeometryComparison)
        /// Not comparable, with the reason (dcm2niix refused, not a volume for us, ...).
        case skipped(String)
        /// Both tools made something of the input but disagree in a way no rule covers.
        case disagreement(String)
    }

    var rule: Rule
    var nifti: String
    /// The largest distance between a compared corner and the nearest corner of the other tool, mm.
    var distanceMM: Double
    /// Our tilt and the one dcm2niix estimated from the slice positions, degrees (when dcm2niix printed one).
    var tilt: (ours: Double, dcm2niix: Double)?
    /// dcm2niix's volumes (dim[4]) and our stack 0's, when dcm2niix wrote a 4D file.
    var volumes: (dcm2niix: Int, ours: Int)?
    /// For the tilted rule, how far dcm2niix's other corners are from ours (its shear; printed, not asserted), mm.
    var unanchoredMM: Double?

    /// Slice steps more than this off the slice normal count as tilted, degrees.
    static let tiltThresholdDegrees = 0.1

    /// Runs `lightbox info --json` and dcm2niix on `input` (a folder holding just the series' files).
    static func run(_ input: URL, dcm2niix: URL, workFolder: URL) throws -> Outcome {
        switch try measure(input, dcm2niix: dcm2niix, workFolder: workFolder) {
        case .skipped(let reason): return .skipped(shorten(reason, input: input))
        case .disagreement(let reason): return .disagreement(shorten(reason, input: input))
        case .compared(let comparison): return .compared(comparison)
        }
    }

    /// `text` without the temporary input folder's path (messages name the files in it).
    static func shorten(_ text: String, input: URL) -> String {
        text.replacingOccurrences(of: "file:" + input.path + "/", with: "")
            .replacingOccurrences(of: input.path + "/", with: "")
            .replacingOccurrences(of: input.path, with: "<input>")
    }

    private static func measure(_ input: URL, dcm2niix: URL, workFolder: URL) throws -> Outcome {
        let (report, reason) = try InfoReport.of(input)
        guard let report else { return .skipped("not a volume for us: \(reason)") }
        guard report.series.count == 1 else { return .skipped("not one series for us: \(report.series.count) series") }
        guard let volume = report.defaultVolume, let dims = volume.dimensions, let ours = volume.cornersLPS else {
            let problems = report.series[0].problems + (report.defaultVolume?.problems ?? [])
            return .skipped("not a volume for us: \(problems.first ?? "no stack")")
        }
        let conversion = try Dcm2niix.convert(input, into: workFolder, executable: dcm2niix)
        guard !conversion.outputs.isEmpty else {
            return .skipped("dcm2niix refused (exit \(conversion.status)): \(conversion.complaints)")
        }

        let ourTilt = volume.tiltDegrees ?? 0
        let singleSliceTilt = volume.slices == 1 ? try gantryTiltAttribute(in: input) : 0
        let tilted = ourTilt > tiltThresholdDegrees || singleSliceTilt > tiltThresholdDegrees
        let equalised = conversion.warnsUnevenSteps && !tilted
        let candidates = equalised ? conversion.equalisedOutputs : conversion.plainOutputs
        let headers = try candidates.map { ($0, try NIfTIHeader(contentsOf: $0)) }
        let matching = headers.filter { $0.1.dim[1] == dims[0] && $0.1.dim[2] == dims[1] && (equalised || $0.1.dim[3] == dims[2]) }
        // The first matching output when several do (dcm2niix writes one per series and echo).
        guard let (url, nifti) = matching.first else {
            let wrote = try conversion.outputs.map { "\($0.lastPathComponent) \(try NIfTIHeader(contentsOf: $0).dim[1...4].map(String.init).joined(separator: "×"))" }
            return .disagreement("dcm2niix wrote no \(equalised ? "_Eq " : "")NIfTI of our grid \(dims.map(String.init).joined(separator: "×")): \(wrote.joined(separator: ", "))")
        }
        guard nifti.sformCode > 0 else { return .disagreement("\(url.lastPathComponent) has sform_code 0") }

        let rule: Rule, distance: Double
        var unanchored: Double?
        if tilted {
            rule = .tiltedFirstRow
            let anchored = nifti.corners.filter { $0.j == 0 && $0.k == 0 }
            distance = CornerMatching.farthestFromNearest(anchored.map(\.lps), in: ours)
            unanchored = CornerMatching.farthestFromNearest(nifti.corners.filter { $0.j != 0 || $0.k != 0 }.map(\.lps), in: ours)
        } else if conversion.guessedSliceStep && nifti.dim[3] > 1 {
            rule = .firstSlice
            distance = CornerMatching.farthestFromNearest(nifti.corners.filter { $0.k == 0 }.map(\.lps), in: ours)
        } else {
            rule = equalised ? .equalised : .allCorners
            distance = CornerMatching.setDistance(ours, nifti.corners.map(\.lps))
        }
        var comparison = GeometryComparison(rule: rule, nifti: url.lastPathComponent, distanceMM: distance, unanchoredMM: unanchored)
        if let estimate = conversion.tiltEstimateDegrees {
            comparison.tilt = (ourTilt, estimate)
        } else if tilted && volume.slices > 1 {
            return .disagreement("we measure a tilt of \(ourTilt)° but dcm2niix printed no tilt estimate")
        }
        if nifti.volumes > 1 { comparison.volumes = (nifti.volumes, report.series[0].stacks[0].volumes.count) }
        return .compared(comparison)
    }

    /// The largest |Gantry/Detector Tilt (0018,1120)| among the files in `folder`, degrees: dcm2niix shears its
    /// sform by this attribute even for a single slice, where no slice step shows the tilt.
    static func gantryTiltAttribute(in folder: URL) throws -> Double {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        return files.compactMap { url -> Double? in
            guard let file = try? DICOMFile.read(contentsOf: url, mode: .metadataOnly) else { return nil }
            return file.dataSet.double(Tag(0x0018, 0x1120)).map(abs)
        }.max() ?? 0
    }

    /// One line for the test log.
    var summary: String {
        var line = "max corner distance \(String(format: "%.4f", distanceMM)) mm [\(rule.rawValue); \(nifti)]"
        if let tilt { line += String(format: " tilt ours %.3f° dcm2niix %.3f°", tilt.ours, tilt.dcm2niix) }
        if let volumes { line += " volumes dcm2niix \(volumes.dcm2niix) ours \(volumes.ours)" }
        if let unanchoredMM { line += String(format: " (its other corners up to %.1f mm off: its tilt shear)", unanchoredMM) }
        return line
    }
}
