import CGL
import Volume

/// One volume's immutable 3D texture, brought to a frame's load snapshot slice by slice; GL thread only.
///
/// Allocated once with glTexStorage3D at the volume's size and type. Each sync uploads the slices of the
/// frame's snapshot that the texture does not hold in the snapshot's version, one glTexSubImage3D per run
/// of consecutive slices, and nothing else: slices outside the snapshot are never read (the slice-source
/// texture tells the shaders they have no data, so what the texture holds there is never sampled).
/// Volumes larger than GL_MAX_3D_TEXTURE_SIZE are refused: bricking across textures is not done.
final class VolumeTexture {
    let id: GLuint
    let format: TextureFormat
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

    init(volume: ImageVolume, maxSize: Int) throws(RenderError) {
        let d = volume.geometry.dimensions
        guard d.x <= maxSize, d.y <= maxSize, d.z <= maxSize else {
            throw .textureTooLarge(dimensions: d, maxTextureSize: maxSize)
        }
        self.volume = volume
        format = TextureFormat(volume.voxelType)
        space = SamplingSpace(volume.geometry)
        stackTable = try space.table.map { table throws(RenderError) in try StackTableTexture(table) }
        sliceSources = try SliceSourceTexture(sliceCount: d.z)
        held = Array(repeating: 0, count: d.z)
        positions = space.table?.map(\.t) ?? (0..<d.z).map(Double.init)
        var texture: GLuint = 0
        glGenTextures(1, &texture)
        id = texture
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        glTexStorage3D(glEnum(GL_TEXTURE_3D), 1, format.internalFormat, GLsizei(d.x), GLsizei(d.y), GLsizei(d.z))
        for parameter in [GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R] {
            glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(parameter), GL_CLAMP_TO_EDGE)
        }
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MIN_FILTER), GL_LINEAR)
        glTexParameteri(glEnum(GL_TEXTURE_3D), glEnum(GL_TEXTURE_MAG_FILTER), GL_LINEAR)
        do { try glCheck("glTexStorage3D(\(d.x)×\(d.y)×\(d.z))") } catch {
            glDeleteTextures(1, &texture)
            throw error
        }
    }

    deinit {
        var texture = id
        glDeleteTextures(1, &texture)
    }

    /// Brings the texture to `snapshot`, shown under `unloaded`, building the brick textures `bricks` asks for
    /// first (and keeping them current once built). Returns the snapshot the texture now holds:
    /// `snapshot` less any slice rewritten since it was taken (the copy just read may be torn, so that
    /// slice has no data in this frame and is read again next time).
    func sync(to snapshot: LoadSnapshot, unloaded: UnloadedSlices, bricks needed: BrickNeed) throws(RenderError) -> LoadSnapshot {
        guard let volume else { throw .invalidView(reason: "volume \(snapshot.volumeID) was released") }
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

    /// Uploads `slices` (ascending) from the volume's buffer, one call per run of consecutive slices.
    private func upload(_ slices: [Int], of volume: ImageVolume) throws(RenderError) {
        guard !slices.isEmpty else { return }
        glBindTexture(glEnum(GL_TEXTURE_3D), id)
        let d = volume.geometry.dimensions
        let sliceBytes = volume.geometry.sliceVoxelCount * volume.voxelType.byteCount
        var start = 0
        while start < slices.count {
            var end = start + 1
            while end < slices.count, slices[end] == slices[end - 1] + 1 { end += 1 }
            let first = slices[start], count = end - start
            glTexSubImage3D(
                glEnum(GL_TEXTURE_3D), 0, 0, 0, GLint(first), GLsizei(d.x), GLsizei(d.y), GLsizei(count),
                glEnum(GL_RED), format.pixelType, volume.sliceBytes(first).baseAddress)
            try glCheck("glTexSubImage3D(slices \(first)..<\(first + count))")
            statistics.bytesUploaded += count * sliceBytes
            statistics.uploadCalls += 1
            start = end
        }
    }
}
