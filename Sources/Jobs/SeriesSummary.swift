import DICOM
import Foundation
import Loading
import Volume

/// What `lightbox info` reports about one series (also its JSON form).
public struct SeriesSummary: Sendable, Encodable {
    public struct Range: Sendable, Encodable { public var min: Double; public var max: Double }
    public struct SUV: Sendable, Encodable { public var available: Bool; public var reason: String? }

    public var patientID: String?
    public var patientName: String?
    public var studyInstanceUID: String?
    public var seriesInstanceUID: String
    public var seriesDescription: String?
    public var modality: String?
    public var instances: Int
    public var frames: Int
    public var dimensions: [Int]?
    public var spacingMM: [Double]?
    public var orientation: String?
    public var patientPosition: String?
    public var valueRange: Range?
    public var units: String?
    public var suv: SUV?
    public var transferSyntaxes: [String]
    /// For a NIfTI file: its format, datatype, scaling and the source of its affine (no transfer syntaxes then).
    public var format: String?
    /// Stacks (largest first) and their volumes; stack 0's volume 0 is what render and thumbnails use by default.
    public var stacks: [StackSummary]
    /// Images left out of every volume because they have no position or orientation.
    public var imagesWithoutGeometry: [String]
    /// Copies of SOP instances left out (every copy after the first).
    public var duplicateCopies: [String]
    /// Irregularities of the default volume, one per kind (layout kinds first).
    public var irregularities: [RenderJobReport.Irregularity]
    public var problems: [String]

    /// Summarises a scanned series (the series inspector behind `info`): headers, stacks and volumes with their
    /// geometry and irregularities, and the default volume's value range (its pixels are streamed once for that,
    /// through the session's cache, and released).
    public static func inspect(_ series: SeriesScanner.Series, in session: LightboxSession) async -> SeriesSummary {
        let ds = series.representative
        var summary = SeriesSummary(
            patientID: ds.string(.patientID), patientName: ds.string(.patientName),
            studyInstanceUID: ds.string(.studyInstanceUID), seriesInstanceUID: series.seriesInstanceUID,
            seriesDescription: ds.string(.seriesDescription), modality: ds.string(.modality),
            instances: series.instances.count, frames: 0, patientPosition: ds.string(.patientPosition),
            units: nil,
            transferSyntaxes: Array(Set(series.instances.map { "\($0.file.transferSyntax.name) (\($0.file.transferSyntax.uid))" })).sorted(),
            stacks: [], imagesWithoutGeometry: [], duplicateCopies: [], irregularities: [], problems: [])
        if ds.string(.modality) == "PT" {
            switch SUVCalibration.from(ds) {
            case .success: summary.suv = SUV(available: true, reason: nil)
            case .failure(let why): summary.suv = SUV(available: false, reason: why.description)
            }
        }
        let layout: SeriesLayout
        do { layout = try await session.manager.layout(series: series, fileLoader: session.fileLoader) } catch {
            summary.problems.append(String(describing: error))
            return summary
        }
        summary.frames = layout.split.stacks.reduce(0) { $0 + $1.imageCount } + layout.withoutGeometry.count
        summary.stacks = layout.split.stacks.map { StackSummary($0, layout: layout) }
        summary.imagesWithoutGeometry = layout.withoutGeometry
        summary.duplicateCopies = layout.split.duplicates.flatMap { $0.images.dropFirst() }
        do {
            let selected = try layout.volume()
            summary.describe(selected.assembly.geometry, irregularities: selected.choice.irregularities)
        } catch {
            summary.problems.append(error.description)
            return summary
        }
        do {
            await summary.measureValues(of: try await session.open(series, order: .sequential), failing: "could not be decoded", in: session)
        } catch {
            summary.problems.append(error.description)
        }
        return summary
    }

    /// Sets the grid, spacing, orientation ("axial (rows → L, columns → P)") and irregularities of the volume chosen.
    mutating func describe(_ geometry: VolumeGeometry, irregularities: [SeriesIrregularity]) {
        dimensions = [geometry.dimensions.x, geometry.dimensions.y, geometry.dimensions.z]
        spacingMM = [geometry.spacing.x, geometry.spacing.y, geometry.sliceStepAlongNormal]
        orientation = AnatomicalOrientation.planeName(normal: geometry.sliceNormal)
            + " (rows → \(AnatomicalOrientation.letters(geometry.iDirection)), columns → \(AnatomicalOrientation.letters(geometry.jDirection)))"
        self.irregularities = irregularities.map(RenderJobReport.Irregularity.init)
    }

    /// Streams `opened` once for its units and value range (slices that fail are a problem: they `failing`), then
    /// releases it.
    mutating func measureValues(of opened: OpenedSeries, failing: String, in session: LightboxSession) async {
        let volume = opened.streaming.volume
        units = UnitsPolicy.units(of: volume, representative: opened.representative)
        if case .incomplete(let failed) = await opened.streaming.load() {
            problems.append("\(failed.count) slice(s) \(failing)")
        }
        if let range = volume.valueRange() { valueRange = Range(min: range.min, max: range.max) }
        await session.release(opened)
    }

    /// Human-readable lines for a terminal.
    public var lines: [String] {
        func fmt(_ v: Double) -> String { String(format: "%g", v) }
        var out = ["\(modality ?? "?") series \(seriesInstanceUID)" + (seriesDescription.map { " — \($0)" } ?? "")]
        if format == nil { out.append("  patient      \(patientName ?? "?") (\(patientID ?? "?")), study \(studyInstanceUID ?? "?")") }
        out.append("  images       \(instances) files, \(frames) frames")
        if let d = dimensions, let s = spacingMM {
            out.append("  grid         \(d.map(String.init).joined(separator: "×")) voxels, \(s.map(fmt).joined(separator: " × ")) mm")
        }
        if let orientation { out.append("  orientation  \(orientation)" + (patientPosition.map { ", \($0)" } ?? "")) }
        if stacks.count > 1 || stacks.contains(where: { $0.volumes.count > 1 }) {
            for stack in stacks {
                let apart = stack.distinguishedBy.map { ", told apart by \($0)" } ?? ""
                out.append("  stack \(stack.index)      \(stack.plane) \(stack.columns)×\(stack.rows), \(stack.images) image(s), \(stack.volumes.count) volume(s)\(apart)")
                if stack.volumes.count > 1 {
                    let shown = stack.volumes.prefix(4).map { "\($0.index): \($0.label) (\($0.slices) slices)" }
                    out.append("    volumes    " + shown.joined(separator: "; ") + (stack.volumes.count > 4 ? "; … \(stack.volumes.count - 4) more" : ""))
                }
            }
        }
        for irregularity in irregularities { out.append("  irregular    \(irregularity.message)") }
        if let r = valueRange { out.append("  values       \(fmt(r.min)) … \(fmt(r.max)) \(units ?? "(stored units)")") }
        if let suv { out.append("  SUV          " + (suv.available ? "available (SUVbw)" : "not available: \(suv.reason ?? "")")) }
        if let encoding = format ?? (transferSyntaxes.isEmpty ? nil : transferSyntaxes.joined(separator: "; ")) {
            out.append("  encoding     \(encoding)")
        }
        for problem in problems { out.append("  problem      \(problem)") }
        return out
    }
}
