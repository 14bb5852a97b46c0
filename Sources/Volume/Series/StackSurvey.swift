import Foundation

/// What the positions of a sorted stack say about its grid: steps, gaps, the best uniform fit, tilt.
struct StackSurvey {
    /// The best uniform grid through the positions: position(k) ≈ origin + k × step.
    struct Fit {
        var origin: Vector3
        var step: Vector3
        /// Largest distance of a slice from its place on the fitted grid, mm.
        var deviation: Double
    }

    let positions: [Vector3]
    let medianStep: Double
    let gapAfter: [Bool]
    let fit: Fit
    /// True when the fitted grid is used: no gaps and every slice within the grid tolerance.
    let onGrid: Bool
    let irregularities: [SeriesIrregularity]

    init(_ positions: [Vector3], normal: Vector3, labels: [String], assembler: SeriesAssembler) {
        let distances = positions.map { $0.dot(normal) }
        let steps = zip(distances, distances.dropFirst()).map { $1 - $0 }
        let medianStep = Self.median(steps)
        let gapAfter = Self.gaps(steps, factor: assembler.gapFactor)
        var fit = Self.leastSquares(positions)

        var found: [SeriesIrregularity] = []
        let allowed = max(0.01, assembler.stepTolerance * medianStep)
        let regularSteps = steps.indices.filter { !gapAfter[$0] }
        let uneven = regularSteps.filter { abs(steps[$0] - medianStep) > allowed }
        let alongNormal = fit.step.dot(normal)
        let onGrid = !gapAfter.contains(true) && fit.deviation <= assembler.gridTolerance * alongNormal
        if let a = uneven.first, let b = uneven.last {
            let values = regularSteps.map { steps[$0] }
            found.append(.unevenSteps(
                count: uneven.count, first: labels[a], last: labels[b + 1], smallest: values.min() ?? medianStep,
                largest: values.max() ?? medianStep, maxDeviation: fit.deviation, onGrid: onGrid))
        }
        let gapSteps = steps.indices.filter { gapAfter[$0] }
        if let a = gapSteps.first, let b = gapSteps.last {
            found.append(.missingSlices(
                gaps: gapSteps.count, first: labels[a], last: labels[b + 1],
                largestGap: gapSteps.map { steps[$0] }.max() ?? 0, step: medianStep))
        }
        // Tilt: the angle of each step to the normal, from its in-plane part.
        let angles = zip(positions, positions.dropFirst()).map { a, b -> Double in
            let delta = b - a
            let along = delta.dot(normal)
            return atan2((delta - normal * along).length, along) * 180 / .pi
        }
        let threshold = asin(assembler.tiltTolerance) * 180 / .pi
        let tilted = angles.indices.filter { angles[$0] > threshold }
        if let a = tilted.first, let b = tilted.last {
            let varying = (angles.max() ?? 0) - (angles.min() ?? 0) > 0.05
            found.append(.gantryTilt(degrees: Self.median(angles), varying: varying, first: labels[a], last: labels[b + 1]))
        }
        if onGrid, tilted.isEmpty {
            // Not tilted: the step is along the normal, exactly.
            fit.step = normal * alongNormal
        }
        self.positions = positions
        self.medianStep = medianStep
        self.gapAfter = gapAfter
        self.fit = fit
        self.onGrid = onGrid
        self.irregularities = found
    }

    /// The median of `values` (the upper one of an even count); 0 when empty.
    static func median(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.sorted()[values.count / 2]
    }

    /// Steps larger than `factor` × the local step: the median of up to four steps on each side (not the step itself).
    static func gaps(_ steps: [Double], factor: Double) -> [Bool] {
        guard steps.count > 1 else { return steps.map { _ in false } }
        let reach = 4
        return steps.indices.map { n in
            let lo = max(0, n - reach), hi = min(steps.count - 1, n + reach)
            let neighbours = (lo...hi).filter { $0 != n }.map { steps[$0] }
            return steps[n] > factor * median(neighbours)
        }
    }

    /// Least-squares line through the positions against the slice index.
    static func leastSquares(_ positions: [Vector3]) -> Fit {
        let n = Double(positions.count)
        let meanK = (n - 1) / 2
        let meanP = positions.reduce(Vector3.zero, +) / n
        var covariance = Vector3.zero
        var variance = 0.0
        for (k, p) in positions.enumerated() {
            let dk = Double(k) - meanK
            covariance += (p - meanP) * dk
            variance += dk * dk
        }
        let step = variance > 0 ? covariance / variance : .zero
        let origin = meanP - step * meanK
        let deviation = positions.enumerated().map { k, p in (p - (origin + step * Double(k))).length }.max() ?? 0
        return Fit(origin: origin, step: step, deviation: deviation)
    }
}
