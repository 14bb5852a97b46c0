import Foundation
import Volume

/// How `lightbox info` describes one stack of a series and its volumes (also their JSON form).
public struct StackSummary: Sendable, Encodable {
    public var index: Int
    public var plane: String
    public var columns: Int
    public var rows: Int
    public var images: Int
    /// The attribute that tells the stack's volumes apart, when it holds several.
    public var distinguishedBy: String?
    public var volumes: [VolumeSummary]

    init(_ stack: ImageStack, layout: SeriesLayout) {
        index = stack.index
        plane = stack.planeName
        columns = stack.columns
        rows = stack.rows
        images = stack.imageCount
        distinguishedBy = stack.distinguishedBy
        volumes = stack.volumes.map { VolumeSummary(layout: layout, stack: stack.index, volume: $0) }
    }
}

/// One volume of a stack: its grid in patient space, or why it is none.
public struct VolumeSummary: Sendable, Encodable {
    public var index: Int
    public var label: String
    public var slices: Int
    public var dimensions: [Int]?
    /// Column spacing, row spacing and the slice step along the slice normal (the nominal one for an irregular stack), mm.
    public var spacingMM: [Double]?
    /// 4×4, row-major: (column, row, slice, 1) → patient LPS mm. For an irregular stack, the best uniform fit.
    public var affineLPS: [Double]?
    /// The eight corner voxel centres, LPS mm, at the slices' true positions.
    public var cornersLPS: [[Double]]?
    /// Each slice's first-pixel position, LPS mm, when the slices do not lie on one uniform grid.
    public var slicePositionsMM: [[Double]]?
    /// Largest distance of a slice from its place on the uniform grid, mm.
    public var gridDeviationMM: Double?
    /// Angle between the slice step and the slice normal, degrees (gantry tilt).
    public var tiltDegrees: Double?
    public var irregularities: [RenderJobReport.Irregularity]
    public var problems: [String]

    init(layout: SeriesLayout, stack: Int, volume: StackVolume) {
        index = volume.index
        label = volume.label
        slices = volume.slices.count
        irregularities = []
        problems = []
        do {
            let selected = try layout.volume(VolumeSelection(stack: stack, volume: volume.index))
            let g = selected.assembly.geometry
            dimensions = [g.dimensions.x, g.dimensions.y, g.dimensions.z]
            spacingMM = [g.spacing.x, g.spacing.y, g.sliceStepAlongNormal]
            affineLPS = g.affineRowMajor
            cornersLPS = g.cornerCentres.map { [$0.x, $0.y, $0.z] }
            slicePositionsMM = g.sliceStack?.positions.map { [$0.x, $0.y, $0.z] }
            gridDeviationMM = g.gridDeviation
            tiltDegrees = g.sliceStack == nil ? g.shearDegrees : selected.assembly.irregularities.compactMap {
                if case .gantryTilt(let degrees, _, _, _) = $0 { return degrees } else { return nil }
            }.first ?? 0
            irregularities = selected.assembly.irregularities.map(RenderJobReport.Irregularity.init)
        } catch {
            problems.append(error.description)
        }
    }
}
