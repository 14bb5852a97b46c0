/// Pixels a comparison leaves out: rectangles, the marked pixels of a mask image, or both.
///
/// A mask image marks a pixel when it is neither black nor transparent: a gray mask where its value is above 0, a
/// colour mask where alpha is above 0 and any of red, green or blue is above 0. So white on black and white on
/// transparent both work; the mask must have the size of the images it is used with.
public struct IgnoreMask: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// One flag per pixel, row-major: true where the pixel is ignored.
    public private(set) var ignored: [Bool]

    /// No pixel ignored.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        ignored = [Bool](repeating: false, count: self.width * self.height)
    }

    /// The pixels inside `rects` (clipped to the frame) ignored.
    public init(width: Int, height: Int, rects: [PixelRect]) {
        self.init(width: width, height: height)
        for rect in rects { add(rect) }
    }

    /// The marked pixels of `image` ignored.
    public init(image: Frame) {
        self.init(width: image.width, height: image.height)
        for y in 0..<height {
            for x in 0..<width {
                guard let p = image.pixel(x: x, y: y) else { continue }
                ignored[y * width + x] = p.a > 0 && max(p.r, p.g, p.b) > 0
            }
        }
    }

    /// Also ignores the pixels inside `rect` (clipped to the frame).
    public mutating func add(_ rect: PixelRect) {
        let r = rect.clipped(toWidth: width, height: height)
        for y in r.y..<(r.y + r.height) {
            for x in r.x..<(r.x + r.width) { ignored[y * width + x] = true }
        }
    }

    /// Number of ignored pixels.
    public var count: Int { ignored.reduce(0) { $0 + ($1 ? 1 : 0) } }
}
