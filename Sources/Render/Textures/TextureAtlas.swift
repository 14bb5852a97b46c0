/// The layout of a volume that does not fit one 3D texture as stored (an axis longer than GL_MAX_3D_TEXTURE_SIZE):
/// it is cut into blocks along the axes that are too long, neighbouring blocks sharing one layer of voxels,
/// and the blocks are placed side by side in one texture (the atlas), block l = bx + nx (by + ny bz) at tile l
/// counted along x, then y, then z.
///
/// Why one texture and not several: a shader reads one sampler for every sample whatever block it falls in
/// (llvmpipe runs both sides of a branch, so choosing among samplers per sample would cost a read of each).
/// Why the shared layer: a sample between voxels k and k + 1 always finds both in one block (the block
/// floor(k / step), step = block size − 1), so the hardware's trilinear filter inside that block is the
/// filter of the whole volume, exactly; coordinates are clamped to the block's voxel centres, so no read
/// ever reaches a neighbouring tile (atlas.glsl). Memory: the volume's voxels plus one shared layer per cut,
/// plus unused tiles when the blocks do not fill the tile grid (`plan` picks the smallest texture).
struct TextureAtlas: Equatable {
    /// The volume's voxels along i, j, k.
    let dimensions: SIMD3<Int>
    /// Voxels per block along each axis (the last block of an axis may hold fewer).
    let blockSize: SIMD3<Int>
    /// Blocks along each axis.
    let blocks: SIMD3<Int>
    /// Tiles (block places) along each axis of the texture.
    let tiles: SIMD3<Int>

    /// Uniform arrays in atlas.glsl hold one origin per block.
    static let maxBlocks = 64

    /// The texture's extent.
    var textureSize: SIMD3<Int> { blockSize &* tiles }
    /// Voxels from one block's first voxel to the next block's (blocks share one layer).
    var step: SIMD3<Int> { pointwiseMax(blockSize &- 1, SIMD3(repeating: 1)) }
    var blockCount: Int { blocks.x * blocks.y * blocks.z }

    /// The texel of block `b`'s first voxel.
    func origin(ofBlock b: SIMD3<Int>) -> SIMD3<Int> {
        let l = b.x + blocks.x * (b.y + blocks.y * b.z)
        return SIMD3(l % tiles.x, (l / tiles.x) % tiles.y, l / (tiles.x * tiles.y)) &* blockSize
    }

    /// The first voxel of block `b` and its voxel count along each axis.
    func voxels(ofBlock b: SIMD3<Int>) -> (first: SIMD3<Int>, count: SIMD3<Int>) {
        let first = b &* step
        return (first, pointwiseMin(blockSize, dimensions &- first))
    }

    /// Every block, in the atlas's order.
    var allBlocks: [SIMD3<Int>] {
        (0..<blocks.z).flatMap { z in (0..<blocks.y).flatMap { y in (0..<blocks.x).map { x in SIMD3(x, y, z) } } }
    }

    /// The layout of a volume of `dimensions` at `bytesPerVoxel` within `limits`: nil when the volume fits
    /// one texture as stored, else the atlas with the fewest texels (ties: the fewest blocks). Throws
    /// `textureTooLarge` when no layout fits (an atlas holds at least the volume's voxels, so a volume over the
    /// byte budget never fits).
    static func plan(dimensions d: SIMD3<Int>, bytesPerVoxel: Int, limits: TextureLimits) throws(RenderError) -> TextureAtlas? {
        let m = limits.maxSize
        let bytes = d.x * d.y * d.z * bytesPerVoxel
        let tooLarge = RenderError.textureTooLarge(dimensions: d, bytes: bytes, limits: limits)
        guard bytes <= limits.maxBytes, m >= 2 else { throw tooLarge }
        if d.x <= m, d.y <= m, d.z <= m { return nil }
        // Per axis, block counts from the fewest that fit `m` to a few more (smaller blocks pack into more tiles).
        func counts(_ n: Int) -> [Int] {
            let fewest = n <= m ? 1 : (n - 1 + m - 2) / (m - 1)
            return Array(fewest...max(fewest, min(n - 1, fewest + 8)))
        }
        func size(_ n: Int, blocks: Int) -> Int { blocks == 1 ? n : (n - 1 + blocks - 1) / blocks + 1 }
        var best: (texels: Int, atlas: TextureAtlas)?
        for bx in counts(d.x) { for by in counts(d.y) { for bz in counts(d.z) {
            let blocks = SIMD3(bx, by, bz), count = bx * by * bz
            guard count <= maxBlocks else { continue }
            let s = SIMD3(size(d.x, blocks: bx), size(d.y, blocks: by), size(d.z, blocks: bz))
            let capacity = SIMD3(m / s.x, m / s.y, m / s.z)
            // Most tiles along x first: among layouts of equal size, blocks side by side in x.
            for tx in (1...max(1, min(capacity.x, count))).reversed() {
                for ty in 1...max(1, min(capacity.y, (count + tx - 1) / tx)) {
                    let tz = (count + tx * ty - 1) / (tx * ty)
                    guard tx <= capacity.x, ty <= capacity.y, tz <= capacity.z else { continue }
                    let texels = tx * ty * tz * s.x * s.y * s.z
                    if texels * bytesPerVoxel <= limits.maxBytes,
                       best.map({ texels < $0.texels || (texels == $0.texels && count < $0.atlas.blockCount) }) ?? true {
                        best = (texels, TextureAtlas(dimensions: d, blockSize: s, blocks: blocks, tiles: SIMD3(tx, ty, tz)))
                    }
                }
            }
        } } }
        guard let best else { throw tooLarge }
        return best.atlas
    }
}
