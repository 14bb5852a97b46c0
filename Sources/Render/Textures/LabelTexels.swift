/// The texels of a label volume's texture (`LabelTexture`): per voxel its label × 64 plus six bits, bit 2a + s set when
/// the voxel's neighbour along axis a (0 i, 1 j, 2 k), before it (s = 0) or after it (s = 1), lies outside the grid or
/// has another label. A view whose neighbouring pixels are at most one voxel apart along one grid axis each finds its
/// outline in these bits, without reading the neighbours (overlay_edges_grid.glsl).
struct LabelTexels {
    let dimensions: SIMD3<Int>
    private let labels: [UInt16]

    init(dimensions: SIMD3<Int>, labels: [UInt16]) {
        precondition(labels.count == dimensions.x * dimensions.y * dimensions.z, "one label per voxel")
        self.dimensions = dimensions
        self.labels = labels
    }

    /// The texel of a voxel with `label` and neighbour bits `bits`.
    static func texel(label: UInt16, bits: Int) -> UInt32 { UInt32(label) << 6 | UInt32(bits) }

    /// The texels of layer `layer` of `layout`'s bricks (slices 4 × layer up to 4 more) into `out` in its order, which
    /// holds `layout.layerTexels` (texels outside the grid 0); `T` must hold `texel(label:bits:)` of the largest label.
    /// Returns the box of the labelled voxels among them (the smallest and largest index along each axis), nil when none
    /// is labelled.
    func encode<T: FixedWidthInteger & UnsignedInteger>(
        layer: Int, of layout: LabelBrickLayout, into out: inout [T]
    ) -> (lo: SIMD3<Int>, hi: SIMD3<Int>)? {
        let d = dimensions, plane = d.x * d.y
        var lo = d, hi = SIMD3(-1, -1, -1)
        out.withUnsafeMutableBufferPointer { out in
            out.update(repeating: 0)
            labels.withUnsafeBufferPointer { all in
                for k in (layer * LabelBrickLayout.edge)..<min(d.z, (layer + 1) * LabelBrickLayout.edge) { for j in 0..<d.y {
                    let row = (k * d.y + j) * d.x
                    for i in 0..<d.x {
                        let n = row + i, label = all[n]
                        var bits = 0
                        if i == 0 || all[n - 1] != label { bits |= 1 }
                        if i == d.x - 1 || all[n + 1] != label { bits |= 2 }
                        if j == 0 || all[n - d.x] != label { bits |= 4 }
                        if j == d.y - 1 || all[n + d.x] != label { bits |= 8 }
                        if k == 0 || all[n - plane] != label { bits |= 16 }
                        if k == d.z - 1 || all[n + plane] != label { bits |= 32 }
                        out[layout.indexInLayer(i, j, k)] = T(Self.texel(label: label, bits: bits))
                        if label != 0 {
                            lo = pointwiseMin(lo, SIMD3(i, j, k))
                            hi = pointwiseMax(hi, SIMD3(i, j, k))
                        }
                    }
                } }
            }
        }
        return hi.x < 0 ? nil : (lo, hi)
    }
}
