import Volume

extension PhantomAnatomy {
    /// `value(structure)` at every pixel centre of `plane`, in any orientation (tilted, coronal, sagittal): the last
    /// structure in painting order containing the centre wins, `background` where none does. Row-major, like pixel data.
    ///
    /// Each row is a line through space; each structure cuts it in one interval (found analytically), so a slice
    /// costs rows × structures span fills, like `paintAxial`, rather than a containment test per pixel and structure.
    func sample<T>(_ plane: ImagePlane, background: T, value: (Structure) -> T) -> [T] {
        var pixels = [T](repeating: background, count: plane.rows * plane.columns)
        let last = Double(plane.columns - 1)
        for structure in structures {
            let v = value(structure)
            for j in 0..<plane.rows {
                let origin = plane.world(column: 0, row: Double(j))
                guard let (t0, t1) = Self.interval(structure.shape, origin: origin, direction: plane.rowDirection) else { continue }
                // Pixel i sits at t = i × column spacing along the row.
                let first = max(0, (t0 / plane.columnSpacing).rounded(.up))
                let end = min(last, (t1 / plane.columnSpacing).rounded(.down))
                guard first <= end else { continue }
                let rowStart = j * plane.columns
                for i in Int(first)...Int(end) { pixels[rowStart + i] = v }
            }
        }
        return pixels
    }

    /// The parameters t for which `origin + t × direction` lies in `shape`, as (lowest, highest)
    /// (possibly infinite), or nil when the line misses it.
    static func interval(_ shape: Structure.Shape, origin: Vector3, direction: Vector3) -> (Double, Double)? {
        switch shape {
        case .ellipsoid(let centre, let radii):
            let q = (origin - centre) / radii, e = direction / radii
            return unitDisc(a: e.dot(e), b: 2 * q.dot(e), c: q.dot(q) - 1)
        case .ellipticCylinder(let cx, let cy, let rx, let ry, let zRange):
            let qx = (origin.x - cx) / rx, qy = (origin.y - cy) / ry, ex = direction.x / rx, ey = direction.y / ry
            guard let (t0, t1) = unitDisc(a: ex * ex + ey * ey, b: 2 * (qx * ex + qy * ey), c: qx * qx + qy * qy - 1) else { return nil }
            if direction.z == 0 { return zRange.contains(origin.z) ? (t0, t1) : nil }
            let za = (zRange.lowerBound - origin.z) / direction.z, zb = (zRange.upperBound - origin.z) / direction.z
            let lo = max(t0, min(za, zb)), hi = min(t1, max(za, zb))
            return lo <= hi ? (lo, hi) : nil
        }
    }

    /// The t with a t² + b t + c ≤ 0 (a ≥ 0): where a line is inside a unit sphere or circle after scaling.
    private static func unitDisc(a: Double, b: Double, c: Double) -> (Double, Double)? {
        guard a > 0 else { return c <= 0 ? (-.infinity, .infinity) : nil }
        let discriminant = b * b - 4 * a * c
        guard discriminant >= 0 else { return nil }
        let root = discriminant.squareRoot()
        return ((-b - root) / (2 * a), (-b + root) / (2 * a))
    }
}
