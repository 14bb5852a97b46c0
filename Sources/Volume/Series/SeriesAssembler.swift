import Foundation

/// The slices of one volume in stack order, the grid they form, and what was irregular about them.
public struct SeriesAssembly: Sendable {
    public var geometry: VolumeGeometry
    /// The slices sorted along their normal.
    public var slices: [SliceMetadata]
    /// Irregularities the volume is rendered despite, one per kind.
    public var irregularities: [SeriesIrregularity]
}

/// Sorts the slices of one stack along their normal and computes the grid they form.
///
/// Irregular is normal: the geometry follows the scanner.
/// - The slice positions are fitted with one uniform grid (least squares in the slice index). When every
///   slice lies within `gridTolerance` × the step of it, that grid is the volume's affine; a step that is
///   not along the normal (constant gantry tilt) makes it a sheared affine.
/// - Otherwise (uneven steps beyond the tolerance, missing slices, a tilt that varies) the affine is the
///   best fit and `VolumeGeometry.sliceStack` carries each slice's true position, which rendering follows.
/// - A step larger than `gapFactor` × the local step (the median of up to four steps on each side) is a
///   gap: slices are missing there, and nothing is interpolated across it.
/// Each irregularity is reported once; with `strict` each is refused instead. What cannot be placed in
/// space at all (mixed orientation, sizes, frames of reference, two images at one position) is refused.
public struct SeriesAssembler: Sendable {
    /// How far cosines may differ between images and still count as one orientation (as `SeriesSplitter` groups stacks).
    public var orientationTolerance = 1e-3
    /// Relative difference allowed between pixel spacings of images.
    public var pixelSpacingTolerance = 1e-3
    /// A step may differ from the median step by this fraction (or 0.01 mm, whichever is larger) before it is reported as uneven.
    public var stepTolerance = 0.01
    /// Largest distance of a slice from the fitted uniform grid, as a fraction of the step, for that grid to be used.
    /// 5%: a real whole-body PET whose bed overlaps give steps of 3.19 to 3.29 mm lies within 1.2% of its grid.
    public var gridTolerance = 0.05
    /// A step larger than this multiple of the local step is reported as missing slices.
    public var gapFactor = 1.5
    /// Largest in-plane shift per step (as a sine of the angle to the normal) not reported as tilt.
    public var tiltTolerance = 1e-3
    /// Slice step used for a one-slice volume when the header gives none.
    public var singleSliceStep = 1.0
    /// Refuse every irregularity instead of rendering it.
    public var strict = false

    public init(strict: Bool = false) {
        self.strict = strict
    }

    /// The slices sorted along the normal, the grid they form and what was irregular, or every problem found.
    ///
    /// A one-slice volume takes its step from `fallbackStep`, else the slice's `nominalStep`
    /// (SpacingBetweenSlices or SliceThickness), else `singleSliceStep`.
    public func assemble(_ slices: [SliceMetadata], fallbackStep: Double? = nil) throws(SeriesAssemblyError) -> SeriesAssembly {
        guard let first = slices.first else { throw SeriesAssemblyError(problems: [.empty]) }
        var problems = consistencyProblems(slices, first: first)
        if !problems.isEmpty { throw SeriesAssemblyError(problems: problems) }

        let normal = first.plane.normal
        let sorted = slices
            .map { (slice: $0, distance: $0.plane.position.dot(normal)) }
            .sorted { $0.distance < $1.distance }
        problems += duplicateProblems(sorted)
        if !problems.isEmpty { throw SeriesAssemblyError(problems: problems) }

        let plane = sorted[0].slice.plane
        func grid(origin: Vector3, step: Vector3, stack: SliceStack? = nil, deviation: Double = 0) -> VolumeGeometry {
            VolumeGeometry(
                dimensions: SIMD3(plane.columns, plane.rows, sorted.count),
                spacing: Vector3(plane.columnSpacing, plane.rowSpacing, step.length),
                origin: origin, iDirection: plane.rowDirection, jDirection: plane.columnDirection,
                kDirection: step.normalized, sliceStack: stack, gridDeviation: deviation)
        }
        if sorted.count == 1 {
            let step = [fallbackStep, first.nominalStep].compactMap { $0 }.first { $0 > 0 && $0.isFinite } ?? singleSliceStep
            return SeriesAssembly(geometry: grid(origin: plane.position, step: normal * step), slices: [first], irregularities: [])
        }

        let survey = StackSurvey(sorted.map(\.slice.plane.position), normal: normal, labels: sorted.map(\.slice.label), assembler: self)
        let geometry = survey.onGrid
            ? grid(origin: survey.fit.origin, step: survey.fit.step, deviation: survey.fit.deviation)
            : grid(origin: survey.fit.origin, step: survey.fit.step,
                   stack: SliceStack(positions: survey.positions, normal: normal, nominalStep: survey.medianStep, gapAfter: survey.gapAfter),
                   deviation: survey.fit.deviation)
        if strict, !survey.irregularities.isEmpty {
            throw SeriesAssemblyError(problems: survey.irregularities.map { .irregular($0) })
        }
        return SeriesAssembly(geometry: geometry, slices: sorted.map(\.slice), irregularities: survey.irregularities)
    }

    private func consistencyProblems(_ slices: [SliceMetadata], first: SliceMetadata) -> [SeriesProblem] {
        var problems: [SeriesProblem] = []
        let seriesUIDs = Array(Set(slices.map(\.seriesInstanceUID))).sorted()
        if seriesUIDs.count > 1 { problems.append(.mixedSeries(uids: seriesUIDs)) }

        for slice in slices {
            let p = slice.plane
            let r = p.rowDirection, c = p.columnDirection
            if !r.isFinite || !c.isFinite || abs(r.length - 1) > 1e-3 || abs(c.length - 1) > 1e-3 {
                problems.append(.invalidOrientation(image: slice.label, detail: "direction cosines are not unit vectors (\(r), \(c))"))
            } else if abs(r.dot(c)) > 1e-3 {
                problems.append(.invalidOrientation(image: slice.label, detail: "row and column directions are not orthogonal (dot product \(r.dot(c)))"))
            }
            if !(p.rowSpacing > 0 && p.columnSpacing > 0 && p.rowSpacing.isFinite && p.columnSpacing.isFinite) {
                problems.append(.invalidSpacing(image: slice.label, detail: "pixel spacing \(p.rowSpacing)\\\(p.columnSpacing) must be positive and finite"))
            }
            if !p.position.isFinite {
                problems.append(.invalidSpacing(image: slice.label, detail: "image position \(p.position) is not finite"))
            }
            if p.rows <= 0 || p.columns <= 0 {
                problems.append(.invalidSpacing(image: slice.label, detail: "image has \(p.rows) rows and \(p.columns) columns"))
            }
        }
        if !problems.isEmpty { return problems }

        let byInstance = Dictionary(grouping: slices) { "\($0.sopInstanceUID)#\($0.frameIndex)" }
        for (_, copies) in byInstance.sorted(by: { $0.key < $1.key }) where copies.count > 1 {
            problems.append(.duplicateInstance(uid: copies[0].sopInstanceUID, images: copies.map(\.label)))
        }
        func mismatched(_ differs: (SliceMetadata) -> Bool) -> [SliceMetadata] { slices.filter(differs) }
        let fp = first.plane
        let forUID = first.frameOfReferenceUID ?? "(none)"
        let forGroups = Dictionary(grouping: slices) { $0.frameOfReferenceUID ?? "(none)" }
        for (uid, members) in forGroups.sorted(by: { $0.key < $1.key }) where uid != forUID {
            problems.append(.mixedFrameOfReference(expected: forUID, found: uid, images: members.map(\.label)))
        }
        let tilted = mismatched {
            max(($0.plane.rowDirection - fp.rowDirection).maxMagnitude,
                ($0.plane.columnDirection - fp.columnDirection).maxMagnitude) > orientationTolerance
        }
        if !tilted.isEmpty { problems.append(.mixedOrientation(images: tilted.map(\.label))) }
        let resized = mismatched { $0.plane.rows != fp.rows || $0.plane.columns != fp.columns }
        if let other = resized.first {
            problems.append(.mixedDimensions(expected: "\(fp.columns)×\(fp.rows)",
                                             found: "\(other.plane.columns)×\(other.plane.rows)", images: resized.map(\.label)))
        }
        let respaced = mismatched {
            abs($0.plane.rowSpacing - fp.rowSpacing) > pixelSpacingTolerance * fp.rowSpacing
                || abs($0.plane.columnSpacing - fp.columnSpacing) > pixelSpacingTolerance * fp.columnSpacing
        }
        if let other = respaced.first {
            problems.append(.mixedPixelSpacing(
                expected: "\(fp.rowSpacing)\\\(fp.columnSpacing)",
                found: "\(other.plane.rowSpacing)\\\(other.plane.columnSpacing)", images: respaced.map(\.label)))
        }
        return problems
    }

    private func duplicateProblems(_ sorted: [(slice: SliceMetadata, distance: Double)]) -> [SeriesProblem] {
        var problems: [SeriesProblem] = []
        var index = 0
        while index < sorted.count {
            var end = index + 1
            while end < sorted.count, sorted[end].distance - sorted[index].distance < 1e-3 { end += 1 }
            if end - index > 1 {
                problems.append(.duplicatePosition(
                    position: sorted[index].distance, images: sorted[index..<end].map(\.slice.label)))
            }
            index = end
        }
        return problems
    }
}
