import Volume

/// Where a volume's samples are taken: the affine from patient space (LPS mm) to sampling points, and
/// the box the volume fills there ([-0.5, box − 0.5] on each axis).
///
/// For a grid (regular or sheared) sampling points are continuous voxel indices. For an irregular stack
/// (`VolumeGeometry.sliceStack`) they are (pixels along the row, pixels along the column, nominal steps
/// along the normal), measured from the stack's corner so that every slice's offsets are ≥ 0; `table`
/// then holds each slice's place in that space, and stack.glsl turns a point into voxel indices.
struct SamplingSpace {
    /// One slice of an irregular stack: its t (nominal steps from slice 0) and the offset of its first
    /// pixel from the corner, in pixels; `gapAfter` when slices are missing before the next one.
    struct SliceEntry: Equatable {
        var t: Double
        var columnOffset: Double
        var rowOffset: Double
        var gapAfter: Bool
    }

    let samplingToWorld: Matrix4
    let worldToSampling: Matrix4
    let box: Vector3
    /// Per slice, for an irregular stack; nil for a grid.
    let table: [SliceEntry]?

    init(_ geometry: VolumeGeometry) {
        guard let stack = geometry.sliceStack else {
            samplingToWorld = geometry.indexToWorld
            worldToSampling = geometry.worldToIndex
            box = Vector3(geometry.dimensions)
            table = nil
            return
        }
        let columns = geometry.iDirection * geometry.spacing.x, rows = geometry.jDirection * geometry.spacing.y
        let fromFirst = Matrix4(x: columns, y: rows, z: stack.normal * stack.nominalStep, translation: stack.positions[0])
        let toFirst = fromFirst.affineInverse ?? .identity
        let places = stack.positions.map { toFirst.transformPoint($0) }
        let low = places.reduce(Vector3(repeating: .infinity)) { pointwiseMin($0, $1) }
        let high = places.reduce(Vector3(repeating: -.infinity)) { pointwiseMax($0, $1) }
        let corner = Vector3(low.x, low.y, 0)
        samplingToWorld = Matrix4(
            x: columns, y: rows, z: stack.normal * stack.nominalStep, translation: fromFirst.transformPoint(corner))
        worldToSampling = samplingToWorld.affineInverse ?? .identity
        let d = geometry.dimensions
        box = Vector3(Double(d.x) + high.x - low.x, Double(d.y) + high.y - low.y, places[places.count - 1].z + 1)
        table = places.enumerated().map { k, p in
            SliceEntry(t: p.z, columnOffset: p.x - low.x, rowOffset: p.y - low.y, gapAfter: k < stack.gapAfter.count && stack.gapAfter[k])
        }
    }

    /// True for an irregular stack (sampled through `table`).
    var isIrregular: Bool { table != nil }
}
