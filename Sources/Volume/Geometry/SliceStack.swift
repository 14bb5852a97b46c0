/// The true place of every slice of a stack that is not one uniform grid: uneven steps beyond the
/// fitting tolerance, missing slices, or a tilt that varies from slice to slice.
///
/// Slices share their row and column directions and pixel spacing; slice k's pixel (i, j) sits at
/// `positions[k] + row × i × columnSpacing + column × j × rowSpacing`. Between two neighbouring slices a
/// point is sampled on the line joining their corresponding pixels (linear in the distance along the
/// normal), so the samples of a stored slice's own plane are that slice. Where slices are missing (a gap)
/// nothing is interpolated: each slice beside the gap, like each end slice, reaches half the nominal
/// step towards it, and the rest of the gap holds no data.
public struct SliceStack: Sendable, Equatable {
    /// Position of the first pixel of each slice, in slice order, LPS mm.
    public let positions: [Vector3]
    /// Unit normal of the slice planes (row × column).
    public let normal: Vector3
    /// The median step along the normal, mm: the reach of a slice beside a gap or at an end is half of it.
    public let nominalStep: Double
    /// `gapAfter[k]`: slices are missing between slice k and slice k + 1.
    public let gapAfter: [Bool]

    public init(positions: [Vector3], normal: Vector3, nominalStep: Double, gapAfter: [Bool]) {
        self.positions = positions
        self.normal = normal.normalized
        self.nominalStep = nominalStep
        self.gapAfter = gapAfter
    }
}
