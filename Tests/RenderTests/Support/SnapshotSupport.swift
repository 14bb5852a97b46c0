import Foundation
import Raster
import Render
import Volume

/// Runs `count` writers, each on its own thread (not the test's cooperative pool, which they would block).
final class BackgroundWriters: Sendable {
    private let group = DispatchGroup()

    init(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        for n in 0..<count {
            group.enter()
            let group = self.group
            Thread { body(n); group.leave() }.start()
        }
    }

    /// True once every writer has returned.
    var finished: Bool { group.wait(timeout: .now()) == .success }
}

/// Reading a frame of slices row by row: in the tests' coronal and sagittal views (square pixels of the
/// slice spacing, head up) screen row r of a viewport `height` tall shows slice `height − 1 − r`.
enum SliceRows {
    /// The grey levels of row `r` of the rectangle at (x, y) `width` wide.
    static func row(_ frame: Frame, x: Int, y: Int, width: Int, _ r: Int) -> [UInt8] {
        (0..<width).map { frame.grey(x + $0, y + r) }
    }

    /// The slices a viewport shows (rows with any non-black pixel), ascending.
    static func shown(_ frame: Frame, x: Int = 0, y: Int = 0, width: Int, height: Int) -> [Int] {
        (0..<height).filter { r in row(frame, x: x, y: y, width: width, r).contains { $0 != 0 } }.map { height - 1 - $0 }.sorted()
    }

    /// Whether a sample at continuous slice index `z` has data under the shader's rule for a frame holding
    /// `loaded` (of `count` slices): its nearest slice is loaded (the same slice for nearest and linear
    /// sampling away from ties). False outside the slices; nil within 1e-3 of a tie, which a test must not depend on.
    static func hasData(z: Double, count: Int, loaded: Set<Int>) -> Bool? {
        guard z >= -0.5, z <= Double(count) - 0.5 else { return false }
        let c = min(max(z, 0), Double(count - 1))
        let k0 = Int(c.rounded(.down)), k1 = min(k0 + 1, count - 1)
        let f = c - Double(k0)
        if abs(f - 0.5) < 1e-3 { return nil }
        return f < 0.5 ? loaded.contains(k0) : loaded.contains(k1)
    }

    /// The RGB bytes of pixel (x, y) of an RGBA frame.
    static func rgb(_ frame: Frame, _ x: Int, _ y: Int) -> ArraySlice<UInt8> {
        let n = (y * frame.width + x) * 4
        return frame.samples8[n..<n + 3]
    }
}
