/// An integer rectangle in pixel coordinates (origin top-left, y down).
public struct PixelRect: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The part of this rectangle inside `width` × `height` (possibly empty).
    func clipped(toWidth limitWidth: Int, height limitHeight: Int) -> PixelRect {
        let x0 = max(x, 0), y0 = max(y, 0)
        let x1 = min(x.addingClamped(width), limitWidth)
        let y1 = min(y.addingClamped(height), limitHeight)
        return PixelRect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }
}

extension Int {
    /// Addition that saturates instead of trapping (coordinates come from callers).
    func addingClamped(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }
}
