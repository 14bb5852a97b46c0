import Volume

/// The maximum (or minimum) of each run of voxels through slices `range` along index axis `axis`: the image that a
/// slab of maximum or minimum on the voxel grid shows, in the volume's voxel type, for `MPRPass` to upload as a 2D
/// texture and draw with one texel read a pixel.
///
/// Reduced here rather than in the fragment shader because llvmpipe pays for every texel read of the slab (ten for
/// the benchmark's 20 mm axial slab, most of its 4-5 ms), while a loop over the stored voxels runs at memory speed
/// with SIMD maxima. The stored values are compared: the texture format keeps their order (GL_R16_SNORM, GL_R16,
/// GL_R32F), so the extreme texel is the extreme voxel, as in mpr_slab_grid.frag.
struct SlabExtremeImage {
    /// Voxels along the lower and the higher of the two axes other than `axis` (for a k slab: i and j).
    let width: Int
    let height: Int
    /// `width × height` voxels, row by row, in the volume's voxel type.
    let bytes: [UInt8]

    init(_ volume: ImageVolume, axis: Int, range: ClosedRange<Int>, largest: Bool) {
        let d = volume.geometry.dimensions
        let other = [0, 1, 2].filter { $0 != axis }
        width = d[other[0]]
        height = d[other[1]]
        let count = width * height
        var bytes = [UInt8](repeating: 0, count: count * volume.voxelType.byteCount)
        let source = UnsafeRawBufferPointer(volume.buffer.bytes(fromVoxel: 0, count: volume.buffer.count))
        bytes.withUnsafeMutableBytes { out in
            // One call per type and extreme, each with its own types and `pick` spelled out: through a generic helper
            // the compiler left some of the loops scalar.
            let v = source, o = out
            switch (volume.voxelType, largest) {
            case (.int16, true):
                Self.reduce(v.bindMemory(to: Int16.self), d, axis, range, into: o.bindMemory(to: Int16.self), Swift.max)
            case (.int16, false):
                Self.reduce(v.bindMemory(to: Int16.self), d, axis, range, into: o.bindMemory(to: Int16.self), Swift.min)
            case (.uint16, true):
                Self.reduce(v.bindMemory(to: UInt16.self), d, axis, range, into: o.bindMemory(to: UInt16.self), Swift.max)
            case (.uint16, false):
                Self.reduce(v.bindMemory(to: UInt16.self), d, axis, range, into: o.bindMemory(to: UInt16.self), Swift.min)
            case (.float32, true):
                Self.reduce(v.bindMemory(to: Float.self), d, axis, range, into: o.bindMemory(to: Float.self), Swift.max)
            case (.float32, false):
                Self.reduce(v.bindMemory(to: Float.self), d, axis, range, into: o.bindMemory(to: Float.self), Swift.min)
            }
        }
        self.bytes = bytes
    }

    /// `out[b + width × c] = pick over n in range of voxel (n along axis, b and c along the other two)`, with the
    /// inner loop over contiguous voxels wherever the layout allows (i fastest, then j, then k). Inlined with `pick`
    /// known, so the loops compile to vector maxima or minima.
    @inline(__always)
    private static func reduce<T: Comparable>(
        _ v: UnsafeBufferPointer<T>, _ d: SIMD3<Int>, _ axis: Int, _ range: ClosedRange<Int>,
        into out: UnsafeMutableBufferPointer<T>, _ pick: (T, T) -> T
    ) {
        let row = d.x, slice = d.x * d.y
        switch axis {
        case 2:  // out(i, j): slice after slice, element by element
            combine(out, run(v, from: range.lowerBound * slice, count: slice), { $1 })
            for k in range.dropFirst() { combine(out, run(v, from: k * slice, count: slice), pick) }
        case 1:  // out(i, k): for each k, row after row of the j range
            for k in 0..<d.z {
                let target = UnsafeMutableBufferPointer(rebasing: out[(k * row)..<((k + 1) * row)])
                combine(target, run(v, from: k * slice + range.lowerBound * row, count: row), { $1 })
                for j in range.dropFirst() { combine(target, run(v, from: k * slice + j * row, count: row), pick) }
            }
        default:  // out(j, k): each an extreme over a run of i
            for k in 0..<d.z {
                for j in 0..<d.y {
                    let voxels = run(v, from: k * slice + j * row, count: row)
                    var best = voxels[range.lowerBound]
                    for i in range.dropFirst() { best = pick(best, voxels[i]) }
                    out[j + k * d.y] = best
                }
            }
        }
    }

    /// `count` voxels of `v` from `start`.
    private static func run<T>(_ v: UnsafeBufferPointer<T>, from start: Int, count: Int) -> UnsafeBufferPointer<T> {
        UnsafeBufferPointer(rebasing: v[start..<(start + count)])
    }

    /// `out[n] = pick(out[n], source[n])` for every n: a loop over plain indices (no offset arithmetic, whose
    /// overflow checks would keep it scalar), which compiles to vector maxima or minima.
    @inline(__always)
    private static func combine<T>(_ out: UnsafeMutableBufferPointer<T>, _ source: UnsafeBufferPointer<T>,
                                   _ pick: (T, T) -> T) {
        for n in 0..<min(out.count, source.count) { out[n] = pick(out[n], source[n]) }
    }
}
