import Volume

/// A volume whose texture would exceed the texture-memory budget, drawn at reduced in-plane resolution: each
/// `factor` × `factor` block of a slice's voxels is averaged into one voxel of a proxy volume (the same slices at
/// the same places, `factor` times the in-plane spacing, its first voxel at the centre of the first block), kept
/// at the source's load state slice by slice and drawn in the source's place; the texture's statistics then say
/// `reducedFidelity`. The factor is the smallest power of two at which the texture fits (`VolumeTexture`).
///
/// Why in-plane only: slices keep their indices, so the load state, the stand-ins of unloaded slices, irregular
/// stacks and brick tiles work on the proxy as on the source, and a thin-slice series keeps its detail along the
/// body. Memory: the proxy's voxels (1 / factor² of the source's) beside a texture of that size. GL thread only.
final class ReducedVolume {
    /// The largest factor tried before the volume is refused (`textureTooLarge`).
    static let maxFactor = 16

    private weak var source: ImageVolume?
    let proxy: ImageVolume
    let factor: Int
    /// Per slice, the source generation the proxy's slice was averaged from; 0 for none.
    private var derived: [UInt64]

    /// The proxy's dimensions for a volume of `d` at `factor`.
    static func dimensions(_ d: SIMD3<Int>, factor: Int) -> SIMD3<Int> {
        SIMD3((d.x + factor - 1) / factor, (d.y + factor - 1) / factor, d.z)
    }

    init(source: ImageVolume, factor: Int) throws(RenderError) {
        let g = source.geometry
        var reduced = g
        reduced.dimensions = Self.dimensions(g.dimensions, factor: factor)
        reduced.spacing = Vector3(g.spacing.x * Double(factor), g.spacing.y * Double(factor), g.spacing.z)
        let shift = g.iDirection * (g.spacing.x * Double(factor - 1) / 2) + g.jDirection * (g.spacing.y * Double(factor - 1) / 2)
        reduced.origin = g.origin + shift
        reduced.sliceStack = g.sliceStack.map {
            SliceStack(positions: $0.positions.map { $0 + shift }, normal: $0.normal, nominalStep: $0.nominalStep, gapAfter: $0.gapAfter)
        }
        do {
            proxy = try ImageVolume(id: source.id, geometry: reduced, slices: source.slices, voxelType: source.voxelType,
                                    modality: source.modality)
        } catch {
            throw .invalidView(reason: "\(source.id): its reduced (×\(factor)) copy could not be allocated: \(error)")
        }
        self.source = source
        self.factor = factor
        derived = Array(repeating: 0, count: g.dimensions.z)
    }

    /// Averages the slices of `snapshot` (of the source) the proxy does not hold in that version; returns the
    /// proxy's snapshot of the slices of `snapshot` it holds (a slice rewritten while it was read is left out, and
    /// read again next time).
    func sync(to snapshot: LoadSnapshot) -> LoadSnapshot {
        guard let source else { return proxy.snapshot().restricted(to: []) }
        let wanted = snapshot.loadedSlices.filter { snapshot.generation(ofSlice: $0) != derived[$0] }
        for k in wanted {
            proxy.insert(slice: k) { destination in average(source.sliceBytes(k), of: source, into: destination) }
            derived[k] = snapshot.generation(ofSlice: k) ?? 0
        }
        let now = source.snapshot()
        for k in wanted where now.generation(ofSlice: k) != derived[k] { derived[k] = 0 }
        return proxy.snapshot().restricted(to: snapshot.loadedSlices.filter { derived[$0] == snapshot.generation(ofSlice: $0) })
    }

    private func average(_ slice: UnsafeMutableRawBufferPointer, of source: ImageVolume, into destination: UnsafeMutableRawBufferPointer) {
        let d = source.geometry.dimensions, r = proxy.geometry.dimensions, f = factor
        func blocks<T>(_ type: T.Type, _ value: (T) -> Double, _ make: (Double) -> T) {
            let input = slice.bindMemory(to: T.self), output = destination.bindMemory(to: T.self)
            for y in 0..<r.y {
                for x in 0..<r.x {
                    var sum = 0.0, n = 0
                    for j in (y * f)..<min(d.y, (y + 1) * f) {
                        for i in (x * f)..<min(d.x, (x + 1) * f) { sum += value(input[j * d.x + i]); n += 1 }
                    }
                    output[y * r.x + x] = make(sum / Double(n))
                }
            }
        }
        switch source.voxelType {
        case .int16: blocks(Int16.self, { Double($0) }, { Int16($0.rounded()) })
        case .uint16: blocks(UInt16.self, { Double($0) }, { UInt16($0.rounded()) })
        case .float32: blocks(Float.self, { Double($0) }, { Float($0) })
        }
    }
}
