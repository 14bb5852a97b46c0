import Render
import Volume

/// Test volumes whose slices sit at given positions (uneven, with gaps, tilted), assembled as a series is,
/// and a CPU reference that samples them in patient space between the true slice positions.
struct IrregularStack {
    let volume: ImageVolume
    /// The stored value of voxel (i, j) of slice k.
    let stored: (Int, Int, Int) -> Double

    /// Slices of `columns` × `rows` square pixels of `pixel` mm with row direction `row`, column direction
    /// `column`, the first pixel of slice k at `positions[k]`; values from `stored` (rescale slope 1, intercept 0).
    init(positions: [Vector3], row: Vector3 = Vector3(1, 0, 0), column: Vector3 = Vector3(0, 1, 0),
         columns: Int = 40, rows: Int = 36, pixel: Double = 1, stored: @escaping (Int, Int, Int) -> Double) throws {
        let slices = positions.enumerated().map { k, p in
            SliceMetadata(
                imageID: "irregular/IM\(k).dcm", sopInstanceUID: "1.2.4.\(k)", seriesInstanceUID: "1.2.4",
                frameOfReferenceUID: "1.2", modality: "CT", instanceNumber: k + 1,
                plane: ImagePlane(position: p, rowDirection: row, columnDirection: column, rowSpacing: pixel,
                                  columnSpacing: pixel, rows: rows, columns: columns),
                rescale: .identity)
        }
        let assembly = try SeriesAssembler().assemble(slices.shuffled())
        volume = try ImageVolume(id: "irregular", geometry: assembly.geometry, slices: assembly.slices, voxelType: .int16, modality: "CT")
        self.stored = stored
        for k in 0..<positions.count { SyntheticVolume.fill(volume, slice: k, stored: stored) }
    }

    var geometry: VolumeGeometry { volume.geometry }

    /// A smooth pattern (steps of at most 12 per voxel), so that trilinear rounding stays within a grey level.
    static func smooth(_ i: Int, _ j: Int, _ k: Int) -> Double {
        Double(i * 9 + j * 5 + k * 40 + (i * j) % 7)
    }

    /// The view through stored slice k's own plane: screen right along the rows, down along the columns.
    func slicePlane(_ k: Int, window: VOIWindow, sampling: Sampling = .nearest) -> MPRView {
        let g = geometry, d = g.dimensions
        let centre = g.sliceWorld(Double(d.x - 1) / 2, Double(d.y - 1) / 2, slice: k)
        let plane = PlaneSpec(centre: centre, right: g.iDirection, up: -g.jDirection)
        return MPRView(plane: plane, width: d.x, height: d.y, pixelSpacing: g.spacing.x, window: window, sampling: sampling)
    }

    /// The grey level of the view's pixel (c, r) by the reference: along the normal, the slices around the
    /// point's distance (binary search over the true distances); its in-plane position measured from the
    /// line joining their corresponding pixels; bilinear in each slice (edge pixels clamped), blended
    /// linearly in distance (nearest: the nearer slice's nearest pixel).
    /// Ends: the end slice reaches half the median step along its end step's line; gaps: each side reaches half
    /// the median step into it; beyond is background.
    func reference(_ view: MPRView, _ c: Int, _ r: Int) -> UInt8 {
        let g = geometry, d = g.dimensions
        let positions = (0..<d.z).map { g.sliceWorld(0, 0, slice: $0) }
        let normal = g.sliceNormal
        let distances = positions.map { ($0 - positions[0]).dot(normal) }
        let steps = zip(distances, distances.dropFirst()).map { $1 - $0 }
        let half = steps.sorted()[steps.count / 2] / 2
        let world = view.plane.centre + view.plane.right * ((Double(c) + 0.5 - Double(view.width) / 2) * view.pixelSpacing)
            + view.plane.up * ((Double(view.height) / 2 - Double(r) - 0.5) * view.pixelSpacing)
        let t = (world - positions[0]).dot(normal)
        var lo = 0, hi = d.z - 1
        while lo < hi { let mid = (lo + hi + 1) / 2; if distances[mid] <= t { lo = mid } else { hi = mid - 1 } }
        let k = lo
        // (slice, weight) pairs and the point on the slices' line that the in-plane position is measured from.
        var parts: [(Int, Double)]
        var base: Vector3
        let isGap = { (k: Int) in k + 1 < d.z && steps[k] > 1.5 * self.localStep(steps, k) }
        func along(_ k: Int) -> Vector3 {   // the point at distance t on the line from slice k to slice k + 1
            positions[k] + (positions[k + 1] - positions[k]) * ((t - distances[k]) / (distances[k + 1] - distances[k]))
        }
        if t < distances[0] || k == d.z - 1 {
            // Beyond an end: the end slice, reaching half a step along the end step's line.
            guard abs(t - distances[k]) <= half else { return 0 }
            parts = [(k, 1)]; base = along(k == 0 ? 0 : k - 1)
        } else if isGap(k) {
            if t - distances[k] <= half { parts = [(k, 1)]; base = positions[k] }
            else if distances[k + 1] - t <= half { parts = [(k + 1, 1)]; base = positions[k + 1] }
            else { return 0 }
        } else {
            let f = (t - distances[k]) / (distances[k + 1] - distances[k])
            parts = view.sampling == .nearest ? [(f < 0.5 ? k : k + 1, 1)] : [(k, 1 - f), (k + 1, f)]
            base = along(k)
        }
        let inPlane = world - base
        let i = inPlane.dot(g.iDirection) / g.spacing.x, j = inPlane.dot(g.jDirection) / g.spacing.y
        guard i >= -0.5, j >= -0.5, i <= Double(d.x) - 0.5, j <= Double(d.y) - 0.5 else { return 0 }
        var value = 0.0
        for (slice, weight) in parts {
            value += weight * (view.sampling == .nearest
                ? stored(min(Int((i + 0.5).rounded(.down)), d.x - 1), min(Int((j + 0.5).rounded(.down)), d.y - 1), slice)
                : bilinear(i, j, slice))
        }
        return view.window.apply(value)
    }

    /// The median of up to four steps on each side of step k (not k itself), as the assembler's gap rule.
    private func localStep(_ steps: [Double], _ k: Int) -> Double {
        let around = (max(0, k - 4)...min(steps.count - 1, k + 4)).filter { $0 != k }.map { steps[$0] }.sorted()
        return around[around.count / 2]
    }

    private func bilinear(_ i: Double, _ j: Double, _ k: Int) -> Double {
        let d = geometry.dimensions
        let x = min(max(i, 0), Double(d.x - 1)), y = min(max(j, 0), Double(d.y - 1))
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let x1 = min(x0 + 1, d.x - 1), y1 = min(y0 + 1, d.y - 1)
        let fx = x - Double(x0), fy = y - Double(y0)
        let top = stored(x0, y0, k) * (1 - fx) + stored(x1, y0, k) * fx
        let bottom = stored(x0, y1, k) * (1 - fx) + stored(x1, y1, k) * fx
        return top * (1 - fy) + bottom * fy
    }
}
