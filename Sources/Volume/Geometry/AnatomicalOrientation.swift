/// Names directions in patient space: the letters viewers put on image edges and the plane of a slice.
public enum AnatomicalOrientation {
    /// The letter of the patient side a direction points to most (LPS: +x Left, +y Posterior, +z Superior).
    public static func letter(_ direction: Vector3) -> String {
        let d = direction
        let ax = abs(d.x), ay = abs(d.y), az = abs(d.z)
        if ax >= ay && ax >= az { return d.x >= 0 ? "L" : "R" }
        if ay >= az { return d.y >= 0 ? "P" : "A" }
        return d.z >= 0 ? "S" : "I"
    }

    /// All letters of a direction, strongest first, for each patient axis whose share of the unit direction
    /// is at least 0.25 (e.g. "LP" for a screen axis 30° from Left towards Posterior).
    public static func letters(_ direction: Vector3) -> String {
        let d = direction.normalized
        let components: [(Double, String)] = [(d.x, d.x >= 0 ? "L" : "R"), (d.y, d.y >= 0 ? "P" : "A"), (d.z, d.z >= 0 ? "S" : "I")]
        return components.filter { abs($0.0) >= 0.25 }.sorted { abs($0.0) > abs($1.0) }.map(\.1).joined()
    }

    /// "axial", "coronal", "sagittal", or "oblique" for a slice normal (within about 25° of an axis).
    public static func planeName(normal: Vector3) -> String {
        let n = normal.normalized
        if abs(n.z) > 0.9 { return "axial" }
        if abs(n.y) > 0.9 { return "coronal" }
        if abs(n.x) > 0.9 { return "sagittal" }
        return "oblique"
    }
}
