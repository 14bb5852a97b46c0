import Foundation

/// Something irregular that a series was rendered despite: reported once per kind, with a count and the
/// first and last image concerned. `--strict` turns each into a refusal (`SeriesProblem.irregular`).
public enum SeriesIrregularity: Sendable, Equatable, CustomStringConvertible {
    /// Steps between slices differ beyond 1% (or 0.01 mm). `onGrid`: every slice lies within the fitting
    /// tolerance of one uniform grid, which is used; otherwise each slice is sampled at its true position.
    case unevenSteps(count: Int, first: String, last: String, smallest: Double, largest: Double, maxDeviation: Double, onGrid: Bool)
    /// Steps larger than 1.5× the local step: slices are missing there; the gap is left empty.
    case missingSlices(gaps: Int, first: String, last: String, largestGap: Double, step: Double)
    /// Slices step off their normal (gantry tilt): `varying` when the angle changes along the stack.
    case gantryTilt(degrees: Double, varying: Bool, first: String, last: String)
    /// Several copies of one SOP instance: the first is used.
    case duplicateCopies(count: Int, first: String, last: String)
    /// Images without a place in space (no position or orientation: secondary captures, dose screens).
    case imagesWithoutGeometry(count: Int, first: String, last: String)
    /// Images of another orientation or size (localizers) form other stacks, left out of this volume.
    case otherStacks(stacks: Int, images: Int, first: String, last: String)
    /// The series holds several volumes (4D); `chosen` is rendered.
    case multipleVolumes(count: Int, chosen: Int, distinguishedBy: String)

    /// A stable name for the kind, for JSON reports.
    public var kind: String {
        switch self {
        case .unevenSteps: return "uneven-steps"
        case .missingSlices: return "missing-slices"
        case .gantryTilt: return "gantry-tilt"
        case .duplicateCopies: return "duplicate-copies"
        case .imagesWithoutGeometry: return "images-without-geometry"
        case .otherStacks: return "other-stacks"
        case .multipleVolumes: return "multiple-volumes"
        }
    }

    /// The first and last image concerned, when the kind names images.
    public var images: (first: String, last: String)? {
        switch self {
        case .unevenSteps(_, let f, let l, _, _, _, _), .missingSlices(_, let f, let l, _, _),
             .gantryTilt(_, _, let f, let l), .duplicateCopies(_, let f, let l),
             .imagesWithoutGeometry(_, let f, let l), .otherStacks(_, _, let f, let l):
            return (f, l)
        case .multipleVolumes:
            return nil
        }
    }

    public var description: String {
        func mm(_ v: Double) -> String { String(format: "%.3f mm", v) }
        func span(_ f: String, _ l: String) -> String { f == l ? f : "\(f) … \(l)" }
        switch self {
        case .unevenSteps(let count, let f, let l, let lo, let hi, let dev, let onGrid):
            let how = onGrid
                ? "every slice lies within \(mm(dev)) of a uniform grid, which is used"
                : "slices are sampled at their true positions (up to \(mm(dev)) off a uniform grid)"
            return "uneven slice steps: \(count) step(s) from \(mm(lo)) to \(mm(hi)) (\(span(f, l))); \(how)"
        case .missingSlices(let gaps, let f, let l, let largest, let step):
            return "missing slices: \(gaps) gap(s) up to \(mm(largest)) where the step is \(mm(step)) (\(span(f, l))); the gaps are left empty"
        case .gantryTilt(let degrees, let varying, let f, let l):
            return String(format: "gantry tilt: slices step %.2f° off their normal%@ (%@); rendered in patient space",
                          degrees, varying ? ", varying along the stack" : "", span(f, l))
        case .duplicateCopies(let count, let f, let l):
            return "\(count) duplicate cop\(count == 1 ? "y" : "ies") of SOP instances left out (\(span(f, l))); the first copy is used"
        case .imagesWithoutGeometry(let count, let f, let l):
            return "\(count) image(s) without position or orientation left out of the volume (\(span(f, l)))"
        case .otherStacks(let stacks, let images, let f, let l):
            return "\(images) image(s) in \(stacks) other stack(s) of another orientation or size left out (\(span(f, l))); pick one with --stack"
        case .multipleVolumes(let count, let chosen, let by):
            return "the series holds \(count) volumes told apart by \(by); volume \(chosen) is used (pick another with --volume)"
        }
    }
}
