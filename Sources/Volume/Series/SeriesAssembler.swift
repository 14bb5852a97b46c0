import Foundation

/// Sorts the slices of one series along their normal, checks that they form a regular grid,
/// and computes the volume geometry from the measured step between positions.
public struct SeriesAssembler: Sendable {
    /// How far cosines may differ between images and still count as one orientation.
    public var orientationTolerance = 1e-4
    /// Relative difference allowed between pixel spacings of images.
    public var pixelSpacingTolerance = 1e-3
    /// A step may differ from the median step by this fraction (or 0.01 mm, whichever is larger).
    public var stepTolerance = 0.01
    /// A step larger than this multiple of the median step is reported as missing slices.
    public var gapFactor = 1.5
    /// Largest in-plane shift per step (as a sine of the angle to the normal) not reported as tilt.
    public var tiltTolerance = 1e-3
    /// Slice step used for a one-slice volume when the header gives none.
    public var singleSliceStep = 1.0

    public init() {}

    /// The slices sorted along the normal and the grid they form, or every problem found.
    ///
    /// A one-slice volume takes its step from `fallbackStep`, else the slice's `nominalStep`
    /// (SpacingBetweenSlices or SliceThickness), else `singleSliceStep`.
    public func assemble(_ slices: [SliceMetadata], fallbackStep: Double? = nil) throws(SeriesAssemblyError)
        -> (geometry: VolumeGeometry, slices: [SliceMetadata])
    {
        guard let first = slices.first else { throw SeriesAssemblyError(problems: [.empty]) }
        var problems = consistencyProblems(slices, first: first)
        if !problems.isEmpty { throw SeriesAssemblyError(problems: problems) }

        let normal = first.plane.normal
        let sorted = slices
            .map { (slice: $0, distance: $0.plane.position.dot(normal)) }
            .sorted { $0.distance < $1.distance }
        problems += duplicateProblems(sorted)
        if !problems.isEmpty { throw SeriesAssemblyError(problems: problems) }

        let step: Double
        if sorted.count == 1 {
            step = [fallbackStep, first.nominalStep].compactMap { $0 }.first { $0 > 0 && $0.isFinite } ?? singleSliceStep
        } else {
            let steps = zip(sorted, sorted.dropFirst()).map { $1.distance - $0.distance }
            step = steps.sorted()[steps.count / 2]
            problems += stepProblems(sorted, medianStep: step)
        }
        if !problems.isEmpty { throw SeriesAssemblyError(problems: problems) }

        let plane = sorted[0].slice.plane
        let geometry = VolumeGeometry(
            dimensions: SIMD3(plane.columns, plane.rows, sorted.count),
            spacing: Vector3(plane.columnSpacing, plane.rowSpacing, step),
            origin: plane.position,
            iDirection: plane.rowDirection, jDirection: plane.columnDirection, kDirection: normal)
        return (geometry, sorted.map(\.slice))
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

    private func stepProblems(_ sorted: [(slice: SliceMetadata, distance: Double)], medianStep: Double) -> [SeriesProblem] {
        var problems: [SeriesProblem] = []
        let allowed = max(0.01, stepTolerance * medianStep)
        let normal = sorted[0].slice.plane.normal
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let step = b.distance - a.distance
            if step > gapFactor * medianStep {
                problems.append(.missingSlices(between: a.slice.label, and: b.slice.label, gap: step, expectedStep: medianStep))
            } else if abs(step - medianStep) > allowed {
                problems.append(.nonUniformSpacing(between: a.slice.label, and: b.slice.label, step: step, expectedStep: medianStep))
            }
            let delta = b.slice.plane.position - a.slice.plane.position
            let sine = delta.cross(normal).length / max(delta.length, 1e-12)
            if sine > tiltTolerance {
                problems.append(.gantryTilt(degrees: asin(min(sine, 1)) * 180 / .pi, between: a.slice.label, and: b.slice.label))
            }
        }
        return problems
    }
}
