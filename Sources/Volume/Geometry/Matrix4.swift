import Foundation

/// A 4×4 affine transform in column-major order, used for index→patient (LPS mm) mappings.
public struct Matrix4: Sendable, Equatable, CustomStringConvertible {
    /// The four columns; the last row of an affine transform is (0, 0, 0, 1).
    public var columns: (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>)

    public init(columns: (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>, SIMD4<Double>)) {
        self.columns = columns
    }

    /// An affine transform whose linear part has the columns `x`, `y`, `z` and whose translation is `t`.
    public init(x: Vector3, y: Vector3, z: Vector3, translation t: Vector3) {
        columns = (SIMD4(x, 0), SIMD4(y, 0), SIMD4(z, 0), SIMD4(t, 1))
    }

    public static let identity = Matrix4(
        x: Vector3(1, 0, 0), y: Vector3(0, 1, 0), z: Vector3(0, 0, 1), translation: .zero)

    public static func == (a: Matrix4, b: Matrix4) -> Bool {
        a.columns.0 == b.columns.0 && a.columns.1 == b.columns.1
            && a.columns.2 == b.columns.2 && a.columns.3 == b.columns.3
    }

    /// The element at `row`, `column` (both 0-based).
    public subscript(row: Int, column: Int) -> Double {
        switch column {
        case 0: return columns.0[row]
        case 1: return columns.1[row]
        case 2: return columns.2[row]
        default: return columns.3[row]
        }
    }

    /// Transforms a point (w = 1).
    public func transformPoint(_ p: Vector3) -> Vector3 {
        let r = columns.0 * p.x + columns.1 * p.y + columns.2 * p.z + columns.3
        return Vector3(r.x, r.y, r.z)
    }

    /// Transforms a direction (w = 0).
    public func transformDirection(_ d: Vector3) -> Vector3 {
        let r = columns.0 * d.x + columns.1 * d.y + columns.2 * d.z
        return Vector3(r.x, r.y, r.z)
    }

    /// The matrix product `self * other`.
    public static func * (a: Matrix4, b: Matrix4) -> Matrix4 {
        func apply(_ c: SIMD4<Double>) -> SIMD4<Double> {
            a.columns.0 * c.x + a.columns.1 * c.y + a.columns.2 * c.z + a.columns.3 * c.w
        }
        return Matrix4(columns: (apply(b.columns.0), apply(b.columns.1), apply(b.columns.2), apply(b.columns.3)))
    }

    /// The inverse of an affine transform, or nil when its linear part is singular.
    public var affineInverse: Matrix4? {
        let a = Vector3(columns.0.x, columns.0.y, columns.0.z)
        let b = Vector3(columns.1.x, columns.1.y, columns.1.z)
        let c = Vector3(columns.2.x, columns.2.y, columns.2.z)
        let t = Vector3(columns.3.x, columns.3.y, columns.3.z)
        let det = a.dot(b.cross(c))
        guard det.isFinite, abs(det) > 1e-12 else { return nil }
        // Rows of the inverse linear part are the cross products divided by the determinant.
        let r0 = b.cross(c) / det, r1 = c.cross(a) / det, r2 = a.cross(b) / det
        let linear = Matrix4(
            x: Vector3(r0.x, r1.x, r2.x), y: Vector3(r0.y, r1.y, r2.y), z: Vector3(r0.z, r1.z, r2.z),
            translation: .zero)
        let tInv = -linear.transformDirection(t)
        return Matrix4(
            x: Vector3(r0.x, r1.x, r2.x), y: Vector3(r0.y, r1.y, r2.y), z: Vector3(r0.z, r1.z, r2.z),
            translation: tInv)
    }

    /// The 16 elements in column-major order, as OpenGL expects them.
    public var columnMajor: [Double] {
        [columns.0, columns.1, columns.2, columns.3].flatMap { [$0.x, $0.y, $0.z, $0.w] }
    }

    public var description: String {
        (0..<4).map { r in (0..<4).map { c in String(format: "%10.4f", self[r, c]) }.joined(separator: " ") }
            .joined(separator: "\n")
    }
}
