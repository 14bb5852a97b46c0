import Foundation
import Volume

/// An axis-aligned box in patient space (mm), used to skip a shape wherever it cannot be.
struct Bounds: Sendable {
    var low: Vector3
    var high: Vector3

    static let everywhere = Bounds(low: Vector3(repeating: -.infinity), high: Vector3(repeating: .infinity))

    func contains(_ x: Double, _ y: Double, _ z: Double) -> Bool {
        x >= low.x && x <= high.x && y >= low.y && y <= high.y && z >= low.z && z <= high.z
    }

    func expanded(by margin: Double) -> Bounds { Bounds(low: low - margin, high: high + margin) }
    func union(_ other: Bounds) -> Bounds { Bounds(low: pointwiseMin(low, other.low), high: pointwiseMax(high, other.high)) }
    func intersection(_ other: Bounds) -> Bounds { Bounds(low: pointwiseMax(low, other.low), high: pointwiseMin(high, other.high)) }
}

/// An implicit solid of the synthetic patient: `distance` is negative inside and about the distance (mm) to the
/// surface near it, so shells (skin, cortical bone) are depth ranges and a blurred edge is a function of it.
indirect enum BodyShape: Sendable {
    /// An ellipsoid with orthonormal axes `u`, `v`, `w` and radii along them.
    case ellipsoid(centre: Vector3, axes: (u: Vector3, v: Vector3, w: Vector3), radii: Vector3)
    /// A segment from `a` to `b` swept by a sphere whose radius goes from `ra` to `rb` (vessels, ribs, long bones).
    case capsule(a: Vector3, b: Vector3, ra: Double, rb: Double)
    /// Elliptic cross-sections along z, interpolated between knots (the trunk, lungs, cavities, muscles).
    case sections(CrossSections)
    /// An elliptic cylinder along z with rounded rims (vertebral bodies, discs).
    case roundedCylinder(centre: Vector3, rx: Double, ry: Double, halfHeight: Double, rounding: Double)
    /// Everything with z above `z`.
    case above(Double)
    /// Everything with z below `z`.
    case below(Double)
    /// The union of parts, each skipped outside its bounds.
    case union([BodyShape], [Bounds])
    /// A union blended over about `k` mm, so joins (neck, groin) have no crease.
    case smoothUnion(BodyShape, BodyShape, k: Double)
    case intersection(BodyShape, BodyShape)
    case subtraction(BodyShape, removing: BodyShape)
    /// The cross-section of `sections` at one height: an ellipse in x, y, and `cap`, the signed distance to the
    /// nearer end plane, which bounds the distance from below.
    case planeEllipse(cx: Double, cy: Double, rx: Double, ry: Double, cap: Double)
    /// Inside `region`, where smooth noise at `grain` mm exceeds `threshold` (coiled bowel loops).
    case blobs(region: BodyShape, grain: Double, threshold: Double, noise: SeededNoise)

    static func ellipsoid(_ centre: Vector3, _ radii: Vector3) -> BodyShape {
        .ellipsoid(centre: centre, axes: (Vector3(1, 0, 0), Vector3(0, 1, 0), Vector3(0, 0, 1)), radii: radii)
    }

    /// An ellipsoid whose first radius lies along `long` (the other two axes chosen perpendicular to it).
    static func ellipsoid(_ centre: Vector3, long: Vector3, _ radii: Vector3) -> BodyShape {
        let u = long.normalized
        let helper = abs(u.z) < 0.9 ? Vector3(0, 0, 1) : Vector3(1, 0, 0)
        let v = u.cross(helper).normalized
        return .ellipsoid(centre: centre, axes: (u, v, u.cross(v)), radii: radii)
    }

    static func sphere(_ centre: Vector3, _ radius: Double) -> BodyShape { .ellipsoid(centre, Vector3(repeating: radius)) }

    /// Capsules through consecutive points, radii interpolated from `r0` to `r1`.
    static func chain(_ points: [Vector3], r0: Double, r1: Double) -> BodyShape {
        let n = points.count - 1
        let radius: (Int) -> Double = { i in r0 + (r1 - r0) * Double(i) / Double(n) }
        let segments: [BodyShape] = (0..<n).map { i in .capsule(a: points[i], b: points[i + 1], ra: radius(i), rb: radius(i + 1)) }
        return .union(segments)
    }

    /// The union of `parts`; each is evaluated within a few mm of its box, so blurred edges are not cut off.
    static func union(_ parts: [BodyShape]) -> BodyShape { .union(parts, parts.map { $0.bounds.expanded(by: 8) }) }

    /// This solid as seen in the axial plane at `z`, simpler to evaluate there (sections become one ellipse,
    /// parts of unions that end more than `margin` mm away are dropped), or nil when it is further than that.
    func restricted(toZ z: Double, margin: Double) -> BodyShape? {
        switch self {
        case .sections(let s):
            guard z >= s.knots[0].z - margin, z <= s.knots.last!.z + margin else { return nil }
            let e = s.section(at: z)
            return .planeEllipse(cx: e.cx, cy: e.cy, rx: e.rx, ry: e.ry, cap: max(s.knots[0].z - z, z - s.knots.last!.z))
        case .above, .below: return self
        case .union(let parts, let bounds):
            var kept: [BodyShape] = [], keptBounds: [Bounds] = []
            for n in parts.indices where bounds[n].low.z - margin <= z && z <= bounds[n].high.z + margin {
                if let part = parts[n].restricted(toZ: z, margin: margin) { kept.append(part); keptBounds.append(bounds[n]) }
            }
            return kept.isEmpty ? nil : .union(kept, keptBounds)
        case .smoothUnion(let a, let b, let k):
            switch (a.restricted(toZ: z, margin: margin), b.restricted(toZ: z, margin: margin)) {
            case (let a?, let b?): return .smoothUnion(a, b, k: k)
            case (let a?, nil): return a
            case (nil, let b?): return b
            case (nil, nil): return nil
            }
        case .intersection(let a, let b):
            guard let a = a.restricted(toZ: z, margin: margin), let b = b.restricted(toZ: z, margin: margin) else { return nil }
            return .intersection(a, b)
        case .subtraction(let a, let b):
            guard let a = a.restricted(toZ: z, margin: margin) else { return nil }
            return b.restricted(toZ: z, margin: margin).map { .subtraction(a, removing: $0) } ?? a
        default:
            let b = bounds
            return b.low.z - margin <= z && z <= b.high.z + margin ? self : nil
        }
    }

    /// A box that holds the solid.
    var bounds: Bounds {
        switch self {
        case .ellipsoid(let c, let axes, let r):
            let e = Vector3(
                hypot3(r.x * axes.u.x, r.y * axes.v.x, r.z * axes.w.x),
                hypot3(r.x * axes.u.y, r.y * axes.v.y, r.z * axes.w.y),
                hypot3(r.x * axes.u.z, r.y * axes.v.z, r.z * axes.w.z))
            return Bounds(low: c - e, high: c + e)
        case .capsule(let a, let b, let ra, let rb):
            let r = max(ra, rb)
            return Bounds(low: pointwiseMin(a, b) - r, high: pointwiseMax(a, b) + r)
        case .sections(let s): return s.bounds
        case .roundedCylinder(let c, let rx, let ry, let h, _):
            return Bounds(low: c - Vector3(rx, ry, h), high: c + Vector3(rx, ry, h))
        case .above(let z): return Bounds(low: Vector3(-.infinity, -.infinity, z), high: Vector3(repeating: .infinity))
        case .below(let z): return Bounds(low: Vector3(repeating: -.infinity), high: Vector3(.infinity, .infinity, z))
        case .union(_, let bounds): return bounds.dropFirst().reduce(bounds[0]) { $0.union($1) }
        case .smoothUnion(let a, let b, let k): return a.bounds.union(b.bounds).expanded(by: k / 4)
        case .intersection(let a, let b): return a.bounds.intersection(b.bounds)
        case .subtraction(let a, _): return a.bounds
        case .planeEllipse(let cx, let cy, let rx, let ry, _):
            return Bounds(low: Vector3(cx - rx, cy - ry, -.infinity), high: Vector3(cx + rx, cy + ry, .infinity))
        case .blobs(let region, _, _, _): return region.bounds
        }
    }

    /// The signed distance (approximate; exact for capsules and spheres) from (x, y, z) to the surface.
    func distance(_ x: Double, _ y: Double, _ z: Double) -> Double {
        switch self {
        case .ellipsoid(let c, let axes, let r):
            let dx = x - c.x, dy = y - c.y, dz = z - c.z
            let pu = (dx * axes.u.x + dy * axes.u.y + dz * axes.u.z) / r.x
            let pv = (dx * axes.v.x + dy * axes.v.y + dz * axes.v.z) / r.y
            let pw = (dx * axes.w.x + dy * axes.w.y + dz * axes.w.z) / r.z
            let k0 = (pu * pu + pv * pv + pw * pw).squareRoot()
            let k1 = hypot3(pu / r.x, pv / r.y, pw / r.z)
            return k1 > 0 ? k0 * (k0 - 1) / k1 : -min(r.x, r.y, r.z)
        case .capsule(let a, let b, let ra, let rb):
            let ex = b.x - a.x, ey = b.y - a.y, ez = b.z - a.z
            let px = x - a.x, py = y - a.y, pz = z - a.z
            let t = max(0, min(1, (px * ex + py * ey + pz * ez) / (ex * ex + ey * ey + ez * ez)))
            return hypot3(px - t * ex, py - t * ey, pz - t * ez) - (ra + (rb - ra) * t)
        case .sections(let s): return s.distance(x, y, z)
        case .roundedCylinder(let c, let rx, let ry, let h, let rounding):
            let d2 = ellipseDistance(x - c.x, y - c.y, rx, ry) + rounding
            let dz = abs(z - c.z) - h + rounding
            return hypot(max(d2, 0), max(dz, 0)) + min(max(d2, dz), 0) - rounding
        case .above(let z0): return z0 - z
        case .below(let z0): return z - z0
        case .union(let parts, let bounds):
            var d = Double.infinity
            for n in parts.indices where bounds[n].contains(x, y, z) { d = min(d, parts[n].distance(x, y, z)) }
            // Outside every part's box: far enough that no shell or blurred edge reaches here.
            return d.isFinite ? d : 1_000
        case .smoothUnion(let a, let b, let k):
            let da = a.distance(x, y, z), db = b.distance(x, y, z)
            let h = max(k - abs(da - db), 0) / k
            return min(da, db) - h * h * k / 4
        case .intersection(let a, let b): return max(a.distance(x, y, z), b.distance(x, y, z))
        case .subtraction(let a, let b): return max(a.distance(x, y, z), -b.distance(x, y, z))
        case .planeEllipse(let cx, let cy, let rx, let ry, let cap): return max(ellipseDistance(x - cx, y - cy, rx, ry), cap)
        case .blobs(let region, let grain, let threshold, let noise):
            let d = region.distance(x, y, z)
            guard d <= 0 else { return d }
            return max(d, (threshold - noise.smooth(x / grain, y / grain, z / grain)) * grain / 2)
        }
    }
}

/// Elliptic cross-sections of a solid along z: centre and radii at knot heights, interpolated between them
/// (Catmull–Rom, so outlines curve smoothly), closed by the planes of the first and last knot.
struct CrossSections: Sendable {
    /// One knot: at height `z`, the ellipse centred at (`cx`, `cy`) with radii `rx`, `ry`.
    struct Knot: Sendable {
        var z, cx, cy, rx, ry: Double
    }
    let knots: [Knot]
    let bounds: Bounds

    /// Knots as (z, cx, cy, rx, ry), sorted by z.
    init(_ knots: [(Double, Double, Double, Double, Double)]) {
        self.knots = knots.map { Knot(z: $0.0, cx: $0.1, cy: $0.2, rx: $0.3, ry: $0.4) }.sorted { $0.z < $1.z }
        // Catmull–Rom overshoots a little between knots; a margin keeps the box conservative.
        let m = 0.15
        bounds = Bounds(
            low: Vector3(self.knots.map { $0.cx - $0.rx * (1 + m) }.min()!, self.knots.map { $0.cy - $0.ry * (1 + m) }.min()!, self.knots[0].z),
            high: Vector3(self.knots.map { $0.cx + $0.rx * (1 + m) }.max()!, self.knots.map { $0.cy + $0.ry * (1 + m) }.max()!, self.knots.last!.z))
    }

    /// The ellipse at height z (z clamped to the knots).
    func section(at z: Double) -> Knot {
        var i = 0
        while i < knots.count - 2 && knots[i + 1].z < z { i += 1 }
        let k1 = knots[i], k2 = knots[i + 1]
        let k0 = i > 0 ? knots[i - 1] : k1, k3 = i + 2 < knots.count ? knots[i + 2] : k2
        let t = max(0, min(1, (z - k1.z) / (k2.z - k1.z)))
        func spline(_ p0: Double, _ p1: Double, _ p2: Double, _ p3: Double) -> Double {
            0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t * t + (3 * p1 - p0 - 3 * p2 + p3) * t * t * t)
        }
        return Knot(
            z: z, cx: spline(k0.cx, k1.cx, k2.cx, k3.cx), cy: spline(k0.cy, k1.cy, k2.cy, k3.cy),
            rx: max(1, spline(k0.rx, k1.rx, k2.rx, k3.rx)), ry: max(1, spline(k0.ry, k1.ry, k2.ry, k3.ry)))
    }

    func distance(_ x: Double, _ y: Double, _ z: Double) -> Double {
        let s = section(at: z)
        return max(ellipseDistance(x - s.cx, y - s.cy, s.rx, s.ry), knots[0].z - z, z - knots.last!.z)
    }
}

/// The approximate signed distance from (x, y) to the ellipse with radii rx, ry about the origin.
func ellipseDistance(_ x: Double, _ y: Double, _ rx: Double, _ ry: Double) -> Double {
    let px = x / rx, py = y / ry
    let k0 = (px * px + py * py).squareRoot()
    let k1 = hypot(px / rx, py / ry)
    return k1 > 0 ? k0 * (k0 - 1) / k1 : -min(rx, ry)
}

private func hypot3(_ a: Double, _ b: Double, _ c: Double) -> Double { (a * a + b * b + c * c).squareRoot() }
