import Raster
import Volume

/// Patient-direction letters for the four edges of a view (L/R, A/P, S/I in LPS terms).
///
/// An oblique direction gets up to three letters, most significant first, for each patient axis
/// whose share of the direction is at least 0.25 (e.g. "LP" for a screen axis 30° from Left
/// towards Posterior).
public struct OrientationLabels: Sendable, Equatable {
    public let left: String
    public let right: String
    public let top: String
    public let bottom: String

    public init(plane: PlaneSpec) {
        right = Self.letters(for: plane.right)
        left = Self.letters(for: -plane.right)
        top = Self.letters(for: plane.up)
        bottom = Self.letters(for: -plane.up)
    }

    /// The letters for a patient direction.
    public static func letters(for direction: Vector3) -> String {
        let d = direction.normalized
        let parts: [(Double, Character)] = [
            (d.x, d.x > 0 ? "L" : "R"), (d.y, d.y > 0 ? "P" : "A"), (d.z, d.z > 0 ? "S" : "I"),
        ]
        return String(parts.filter { abs($0.0) >= 0.25 }.sorted { abs($0.0) > abs($1.0) }.map(\.1))
    }

    /// Draws the letters centred on each edge of `frame`, `margin` pixels in.
    public func draw(into frame: inout Frame, scale: Int = 2, margin: Int = 4, color: RGBAColor = (255, 255, 0, 255)) {
        let w = frame.width, h = frame.height
        func put(_ text: String, _ x: (Int) -> Int, _ y: (Int) -> Int) {
            let size = BitmapFont.textSize(text, scale: scale)
            BitmapFont.draw(text, into: &frame, x: x(size.width), y: y(size.height), scale: scale, color: color)
        }
        put(top, { (w - $0) / 2 }, { _ in margin })
        put(bottom, { (w - $0) / 2 }, { h - margin - $0 })
        put(left, { _ in margin }, { (h - $0) / 2 })
        put(right, { w - margin - $0 }, { (h - $0) / 2 })
    }
}
