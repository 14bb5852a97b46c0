import CGL
import Volume

/// One volume's immutable 3D texture, brought to a frame's load snapshot slice by slice; GL thread only.
///
/// Allocated once with glTexStorage3D at the volume's size and type. Each sync uploads the slices of the
/// frame's snapshot that the texture does not hold in the snapshot's version, one glTexSubImage3D per run
/// of consecutive slices, and nothing else: slices outside the snapshot are never read (the slice-source
/// texture tells the shaders they have no data, so what the texture holds there is never sampled).
/// A volume longer than the texture's maximum size along an axis is laid out as an atlas of blocks
/// (`atlas`, see `TextureAtlas`); a slice is then uploaded into each block that holds it. A volume over the
/// texture-memory budget is drawn from a copy at reduced in-plane resolution (`reduced`, see `ReducedVolume`),
/// kept at the volume's load state; its frames are then of reduced fidelity.
final class VolumeTexture {
    let id: GLuint
    let format: TextureFormat
    /// The block layout in the texture; nil when the texture holds the volume as stored.
    let atlas: TextureAtlas?
    /// The reduced copy the texture holds when the volume is over the budget; nil when it holds the volume.
    let reduced: ReducedVolume?
    /// Where samples of this volume are taken; for an irregular stack, `stackTable` holds its slices' places.
    let space: SamplingSpace
    let stackTable: StackTableTexture?
    /// Per slice, the slice sampled for it in the last synced frame.
    let sliceSources: SliceSourceTexture
    private(set) weak var volume: ImageVolume?
    private(set) var statistics = TextureStatistics()
    /// Per slice, the generation of the bytes the texture holds; 0 for none.
    private var held: [UInt64]
    /// Slice positions along the stack, for the nearest-loaded stand-ins.
    private let positions: [Double]
    /// Built when a frame first draws a ray-cast MIP of the volume, then kept current with the texture.
    private(set) var bricks: BrickMaxTexture?
    /// Negated brick minima (`BrickMaxTexture` negated), built when a frame first draws a volume rendering of the volume.
    private(set) var brickMinima: BrickMaxTexture?
    /// True when the last synced frame had every slice (its sources are the identity).
    private(set) var allSlicesPresent = false

    init(volume: ImageVolume, limits: TextureLimits) throws(RenderError) {
        (atlas, reduced) = try Self.layout(of: volume, limits: limits)
        let sampled = reduced?.proxy ?? volume
        let d = sampled.geometry.dimensions
        let size = atlas?.textureSize ?? d
        self.volume = volume
        format = TextureFormat(volume.voxelType)
        space = SamplingSpace(sampled.geometry)
        stackTable = try space.table.map { table throws(RenderError) in try StackTableTexture(table) }
        sliceSources = try SliceSourceTexture(sliceCount: d.z)
        held = Array(repeating: 0, count: d.z)
        positions = space.table?.map(\.t) ?? (0..<d.z).map(Double.init)
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        glTexStorage3D(glEnum(GL_TEXTURE_3D), 1, format.internalFormat, GLsizei(size.x), GLsizei(size.y), GLsizei(size.z))
        for parameter in [GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R] {
            glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(parameter), GL_CLAMP_TO_EDGE)
        }
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MIN_FILTER), GL_LINEAR)
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MAG_FILTER), GL_LINEAR)
        do { try glCheck("glTexStorage3D(\(size.x)×\(size.y)×\(size.z))") } catch {
            glDeleteTextures(1, &texture)
            throw error
        }
        statistics.textureBytes = size.x * size.y * size.z * volume.voxelType.byteCount
        statistics.reductionFactor = reduced?.factor ?? 1
    }

    /// The atlas (nil: one texture as stored) and, when the volume's voxels exceed the byte budget, the reduced copy:
    /// the smallest power-of-two in-plane factor (up to `ReducedVolume.maxFactor`) whose texture fits. Throws the
    /// volume's own `textureTooLarge` when none does.
    private static func layout(of volume: ImageVolume, limits: TextureLimits) throws(RenderError) -> (TextureAtlas?, ReducedVolume?) {
        let d = volume.geometry.dimensions, bytesPerVoxel = volume.voxelType.byteCount
        let asStored: RenderError
        do {
            return (try TextureAtlas.plan(dimensions: d, bytesPerVoxel: bytesPerVoxel, limits: limits), nil)
        } catch {
            guard d.x * d.y * d.z * bytesPerVoxel > limits.maxBytes else { throw error }
            asStored = error
        }
        var factor = 2
        while factor <= ReducedVolume.maxFactor {
            let r = ReducedVolume.dimensions(d, factor: factor)
            factor *= 2
            guard r.x * r.y * r.z * bytesPerVoxel <= limits.maxBytes else { continue }
            let atlas: TextureAtlas?  // nil: one texture as the copy is
            do { atlas = try TextureAtlas.plan(dimensions: r, bytesPerVoxel: bytesPerVoxel, limits: limits) } catch { continue }
            return (atlas, try ReducedVolume(source: volume, factor: factor / 2))
        }
        throw asStored
    }

    /// The volume the texture holds: the reduced copy when there is one, else `volume`.
    var sampledVolume: ImageVolume? { reduced?.proxy ?? volume }

    deinit {
        var texture = id
        glDeleteTextures(1, &texture)
    }

    /// Brings the texture to `snapshot`, shown under `unloaded`, building the brick textures `bricks` asks for
    /// first (and keeping them current once built). Returns the snapshot the texture now holds:
    /// `snapshot` less any slice rewritten since it was taken (the copy just read may be torn, so that
    /// slice has no data in this frame and is read again next time).
    func sync(to snapshot: LoadSnapshot, unloaded: UnloadedSlices, bricks needed: BrickNeed) throws(RenderError) -> LoadSnapshot {
        guard let source = self.volume else { throw .invalidView(reason: "volume \(snapshot.volumeID) was released") }
        guard let reduced else { return try sync(source, to: snapshot, unloaded: unloaded, bricks: needed) }
        let drawn = try sync(reduced.proxy, to: reduced.sync(to: snapshot), unloaded: unloaded, bricks: needed)
        return snapshot.restricted(to: drawn.loadedSlices)
    }

    /// `sync` of the volume the texture holds (`volume` itself, or its reduced copy) to a snapshot of it.
    private func sync(_ volume: ImageVolume, to snapshot: LoadSnapshot, unloaded: UnloadedSlices,
                      bricks needed: BrickNeed) throws(RenderError) -> LoadSnapshot {
        var read: [Int] = []
        var built = false
        if needed >= .maxima, bricks == nil {
            bricks = try BrickMaxTexture(volume: volume, space: space)
            built = true
        }
        if needed >= .range, brickMinima == nil {
            brickMinima = try BrickMaxTexture(volume: volume, space: space, negated: true)
            built = true
        }
        if built { read = held.indices.filter { held[$0] != 0 } }
        let wanted = (0..<volume.sliceCount).filter { k in snapshot.generation(ofSlice: k).map { $0 != held[k] } ?? false }
        try upload(wanted, of: volume)
        for k in wanted { held[k] = snapshot.generation(ofSlice: k)! }
        read += wanted
        bricks?.readTiles(of: read)
        brickMinima?.readTiles(of: read)
        // A copy just read holds the version it was read as only if no write has begun on that slice since.
        let now = volume.snapshot()
        let intact = read.filter { now.generation(ofSlice: $0) == held[$0] }
        for k in Set(read).subtracting(intact) { held[k] = 0 }
        let drawn = snapshot.restricted(to: snapshot.loadedSlices.filter { snapshot.generation(ofSlice: $0) == held[$0] })
        let sources = unloaded.sources(drawn, positions: positions)
        try sliceSources.update(sources)
        allSlicesPresent = drawn.isComplete
        if let bricks {
            statistics.brickBytesUploaded += try bricks.refill(changed: intact, sources: sources)
        }
        if let brickMinima {
            statistics.brickBytesUploaded += try brickMinima.refill(changed: intact, sources: sources)
        }
        return drawn
    }

    /// Uploads `slices` (ascending) from the volume's buffer, one call per run of consecutive slices (per block
    /// holding the run, in an atlas).
    private func upload(_ slices: [Int], of volume: ImageVolume) throws(RenderError) {
        guard !slices.isEmpty else { return }
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        let d = volume.geometry.dimensions
        var start = 0
        while start < slices.count {
            var end = start + 1
            while end < slices.count, slices[end] == slices[end - 1] + 1 { end += 1 }
            if let atlas {
                try uploadIntoBlocks(slices[start]...slices[end - 1], of: volume, atlas: atlas)
            } else {
                let first = slices[start], count = end - start
                try upload(voxels: SIMD3(0, 0, first), count: SIMD3(d.x, d.y, count), at: SIMD3(0, 0, first), of: volume)
            }
            start = end
        }
    }

    /// Uploads a run of slices into every block that holds part of it; a slice shared by two blocks goes into both.
    private func uploadIntoBlocks(_ run: ClosedRange<Int>, of volume: ImageVolume, atlas: TextureAtlas) throws(RenderError) {
        for block in atlas.allBlocks {
            let (first, count) = atlas.voxels(ofBlock: block)
            let lo = max(run.lowerBound, first.z), hi = min(run.upperBound, first.z + count.z - 1)
            guard lo <= hi else { continue }
            try upload(
                voxels: SIMD3(first.x, first.y, lo), count: SIMD3(count.x, count.y, hi - lo + 1),
                at: atlas.origin(ofBlock: block) &+ SIMD3(0, 0, lo - first.z), of: volume)
        }
    }

    /// One glTexSubImage3D of the voxel box at `voxels` (`count` voxels per axis) to texel `texel`, read in place
    /// from the volume's buffer (the unpack row length and skips select the box's rows).
    private func upload(voxels: SIMD3<Int>, count: SIMD3<Int>, at texel: SIMD3<Int>, of volume: ImageVolume) throws(RenderError) {
        let d = volume.geometry.dimensions
        let partial = count.x != d.x || count.y != d.y
        if partial {
            glPixelStorei(glEnum(GL_UNPACK_ROW_LENGTH), GLint(d.x))
            glPixelStorei(glEnum(GL_UNPACK_IMAGE_HEIGHT), GLint(d.y))
            glPixelStorei(glEnum(GL_UNPACK_SKIP_PIXELS), GLint(voxels.x))
            glPixelStorei(glEnum(GL_UNPACK_SKIP_ROWS), GLint(voxels.y))
        }
        glTexSubImage3D(
            glEnum(GL_TEXTURE_3D), 0, GLint(texel.x), GLint(texel.y), GLint(texel.z), GLsizei(count.x), GLsizei(count.y), GLsizei(count.z),
            glEnum(GL_RED), format.pixelType, volume.sliceBytes(voxels.z).baseAddress)
        if partial {
            for parameter in [GL_UNPACK_ROW_LENGTH, GL_UNPACK_IMAGE_HEIGHT, GL_UNPACK_SKIP_PIXELS, GL_UNPACK_SKIP_ROWS] {
                glPixelStorei(glEnum(parameter), 0)
            }
        }
        try glCheck("glTexSubImage3D(slices \(voxels.z)..<\(voxels.z + count.z) to texel \(texel))")
        statistics.uploadCalls += 1
        statistics.bytesUploaded += count.x * count.y * count.z * volume.voxelType.byteCount
    }
}
