import Volume

/// Where each frame of a DICOM Segmentation goes on one regular grid built from the frames' own positions.
///
/// Every frame must share one orientation and pixel spacing. The grid's slices run along the normal from the
/// lowest to the highest frame position, one `step` apart (SpacingBetweenSlices, else the smallest distance between
/// distinct frame planes); frames may come in any order, several segments may share a plane, and planes no frame
/// lies on stay empty (sparse). A frame shifted in its plane by whole pixels widens the grid.
struct SEGFrameMap {
    /// Grid index of each frame's pixel (0, 0): (column offset, row offset, slice).
    var placements: [SIMD3<Int>]
    var geometry: VolumeGeometry

    /// The largest grid the mapping builds, voxels (512 MiB of labels; a hostile file can place two frames kilometres apart).
    static let maxVoxels = 1 << 28

    init(
        positions: [Vector3], rowDirection: Vector3, columnDirection: Vector3, columnSpacing: Double, rowSpacing: Double,
        rows: Int, columns: Int, declaredStep: Double?, file: String
    ) throws(SegmentationError) {
        guard !positions.isEmpty else { throw .frameMapping(file: file, reason: "no frames") }
        guard columnSpacing > 0, rowSpacing > 0, columnSpacing.isFinite, rowSpacing.isFinite else {
            throw .invalid(file: file, reason: "pixel spacing \(rowSpacing)\\\(columnSpacing) must be positive")
        }
        let normal = rowDirection.cross(columnDirection)
        guard abs(normal.length - 1) < 1e-3, abs(rowDirection.dot(columnDirection)) < 1e-3 else {
            throw .invalid(file: file, reason: "the plane orientation is not two orthogonal unit vectors")
        }
        guard positions.allSatisfy(\.isFinite) else { throw .frameMapping(file: file, reason: "a frame position is not a number") }
        let origin0 = positions[0]
        let offsets = positions.map { ($0 - origin0).dot(normal) }
        let distinct = offsets.sorted().reduce(into: [Double]()) { planes, d in
            if let last = planes.last, d - last < 1e-3 { return }
            planes.append(d)
        }
        let gaps = zip(distinct.dropFirst(), distinct).map { $0 - $1 }
        var step = declaredStep.flatMap { $0 > 0 && $0.isFinite ? $0 : nil } ?? gaps.min() ?? 1
        if let smallest = gaps.min(), smallest < step * 0.5 { step = smallest }
        let low = distinct.first!
        var placements: [SIMD3<Int>] = []
        for (n, p) in positions.enumerated() {
            let v = p - origin0
            let k = ((offsets[n] - low) / step).rounded()
            let u = (v.dot(rowDirection) / columnSpacing).rounded(), w = (v.dot(columnDirection) / rowSpacing).rounded()
            guard abs(k) < 1e7, abs(u) < 1e7, abs(w) < 1e7 else {
                throw .frameMapping(file: file, reason: "frame \(n + 1) lies \(Int(v.length)) mm from frame 1")
            }
            placements.append(SIMD3(Int(u), Int(w), Int(k)))
        }
        let minimum = placements.reduce(placements[0]) { pointwiseMin($0, $1) }
        let maximum = placements.reduce(placements[0]) { pointwiseMax($0, $1) }
        let dims = SIMD3(maximum.x - minimum.x + columns, maximum.y - minimum.y + rows, maximum.z - minimum.z + 1)
        let voxels = dims.x.multipliedReportingOverflow(by: dims.y)
        let total = voxels.partialValue.multipliedReportingOverflow(by: dims.z)
        guard !voxels.overflow, !total.overflow, total.partialValue <= Self.maxVoxels else {
            throw .frameMapping(file: file, reason: "the frames span \(dims.x)×\(dims.y)×\(dims.z) voxels, more than \(Self.maxVoxels)")
        }
        self.placements = placements.map { $0 &- minimum }
        let origin = origin0 + rowDirection * (Double(minimum.x) * columnSpacing) + columnDirection * (Double(minimum.y) * rowSpacing)
            + normal * (low + Double(minimum.z) * step)
        geometry = VolumeGeometry(
            dimensions: dims, spacing: Vector3(columnSpacing, rowSpacing, step), origin: origin,
            iDirection: rowDirection, jDirection: columnDirection, kDirection: normal)
    }
}
