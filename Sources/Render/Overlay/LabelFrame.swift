import Segmentation
import Volume

/// The labels a view shows, one per output pixel (row 0 at the top, as `MPRView` lays pixels out); 0 where none.
struct LabelFrame {
    let width: Int
    let height: Int
    let labels: [UInt16]

    /// True when a labelled pixel's label differs from a 4-neighbour's (the frame's edge counts as background).
    func isEdge(_ c: Int, _ r: Int) -> Bool {
        let label = labels[r * width + c]
        if c == 0 || r == 0 || c == width - 1 || r == height - 1 { return true }
        return labels[r * width + c - 1] != label || labels[r * width + c + 1] != label
            || labels[(r - 1) * width + c] != label || labels[(r + 1) * width + c] != label
    }

    /// The label volume's index of output pixel (0, 0)'s centre and its steps per pixel right and down.
    private static func indexMapping(_ volume: LabelVolume, plane: PlaneSpec, width: Int, height: Int, pixelSpacing s: Double)
        -> (origin: Vector3, dx: Vector3, dy: Vector3) {
        let toIndex = volume.patientToIndex
        let corner = plane.centre + plane.right * ((0.5 - Double(width) / 2) * s) + plane.up * ((Double(height) / 2 - 0.5) * s)
        return (toIndex.transformPoint(corner), toIndex.transformDirection(plane.right * s), toIndex.transformDirection(plane.up * -s))
    }

    /// The section of `volume` through `plane`: the nearest voxel's label at each pixel centre.
    static func section(_ volume: LabelVolume, plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double, shown: Set<Int>) -> LabelFrame {
        let (origin, dx, dy) = indexMapping(volume, plane: plane, width: width, height: height, pixelSpacing: pixelSpacing)
        var out = [UInt16](repeating: 0, count: width * height)
        let filter = ShownFilter(shown)
        for r in 0..<height {
            var p = origin + dy * Double(r)
            for c in 0..<width {
                out[r * width + c] = filter(volume.label(atIndex: p))
                p += dx
            }
        }
        return LabelFrame(width: width, height: height, labels: out)
    }

    /// The projection of `volume` along −`plane.normal` (a MIP's rays): the first shown label each ray meets, sampled
    /// every half of the smallest voxel spacing between where the ray enters and leaves the grid's box.
    static func projection(_ volume: LabelVolume, plane: PlaneSpec, width: Int, height: Int, pixelSpacing: Double, shown: Set<Int>) -> LabelFrame {
        let (origin, dx, dy) = indexMapping(volume, plane: plane, width: width, height: height, pixelSpacing: pixelSpacing)
        let g = volume.geometry
        let stepMM = min(g.spacing.x, g.spacing.y, g.spacing.z) / 2
        let step = volume.patientToIndex.transformDirection(plane.normal * -stepMM)
        let high = Vector3(g.dimensions) - 0.5
        var out = [UInt16](repeating: 0, count: width * height)
        let filter = ShownFilter(shown)
        for r in 0..<height {
            for c in 0..<width {
                let start = origin + dx * Double(c) + dy * Double(r)
                guard let (enter, leave) = clip(start, step, low: Vector3(repeating: -0.5), high: high) else { continue }
                var n = enter.rounded(.up)
                while n <= leave {
                    let label = filter(volume.label(atIndex: start + step * n))
                    if label != 0 { out[r * width + c] = label; break }
                    n += 1
                }
            }
        }
        return LabelFrame(width: width, height: height, labels: out)
    }

    /// The range of t for which `start + direction × t` lies in the box (slab method), or nil when it misses.
    private static func clip(_ start: Vector3, _ direction: Vector3, low: Vector3, high: Vector3) -> (Double, Double)? {
        var enter = -Double.infinity, leave = Double.infinity
        for axis in 0..<3 {
            if abs(direction[axis]) < 1e-12 {
                guard start[axis] >= low[axis], start[axis] <= high[axis] else { return nil }
                continue
            }
            let a = (low[axis] - start[axis]) / direction[axis], b = (high[axis] - start[axis]) / direction[axis]
            enter = max(enter, min(a, b))
            leave = min(leave, max(a, b))
        }
        return enter <= leave ? (enter, leave) : nil
    }
}

/// Maps labels not shown to 0, through a table indexed by label.
private struct ShownFilter {
    private let table: [Bool]

    init(_ shown: Set<Int>) {
        var table = [Bool](repeating: false, count: (shown.max() ?? 0) + 1)
        for n in shown where n >= 0 { table[n] = true }
        self.table = table
    }

    @inline(__always)
    func callAsFunction(_ label: UInt16) -> UInt16 {
        Int(label) < table.count && table[Int(label)] ? label : 0
    }
}
