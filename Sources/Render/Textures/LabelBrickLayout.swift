/// Where each voxel of a label volume lies in its texture (`LabelTexture`): in bricks of 4 × 4 × 4 voxels, each brick's
/// 64 texels one after the other (one cache line at 8 bits), the bricks of a layer of 4 slices row by row, the layers
/// one after the other, all of it cut into texture rows of 2^`rowBits` texels and those into slices of 2^`rowBits`
/// rows. A view's plane or a ray through the volume then reads a few bricks where the slice-by-slice layout of a 3D
/// texture (rows, then slices of 512 × 512) made almost every oblique read a new cache line and page: the reads of an
/// oblique section cost 3× those of an axial one. overlay_labels.glsl (`storedTexelAt`) computes the same places.
struct LabelBrickLayout {
    /// Voxels along a brick's edge, and texels in a brick.
    static let edge = 4, brickTexels = 64
    /// Bricks along i, j and k (the grid rounded up to whole bricks).
    let bricks: SIMD3<Int>
    /// log2 of the texels in a texture row and of the rows in a texture slice.
    let rowBits: Int
    /// Texture rows per layer of bricks (a layer's texels rounded up to whole rows, so each layer starts a row).
    let layerRows: Int

    /// The layout of a `dimensions` grid in textures of at most `maxSize` texels along each axis; nil when it needs
    /// more texture slices than that or more texels than a 32-bit index reaches.
    init?(dimensions: SIMD3<Int>, maxSize: Int) {
        guard maxSize >= Self.brickTexels, dimensions.x > 0, dimensions.y > 0, dimensions.z > 0 else { return nil }
        bricks = (dimensions &+ (Self.edge - 1)) / Self.edge
        rowBits = min(11, Int.bitWidth - 1 - maxSize.leadingZeroBitCount)
        let rowTexels = 1 << rowBits
        layerRows = (bricks.x * bricks.y * Self.brickTexels + rowTexels - 1) / rowTexels
        let slices = (bricks.z * layerRows + rowTexels - 1) / rowTexels
        guard slices <= maxSize, bricks.z * layerRows * rowTexels <= Int(UInt32.max) else { return nil }
    }

    var rowTexels: Int { 1 << rowBits }
    /// Texels of one layer of bricks as laid out: whole rows.
    var layerTexels: Int { layerRows * rowTexels }
    /// The texture's width, height and depth.
    var textureSize: SIMD3<Int> {
        let rows = bricks.z * layerRows
        return SIMD3(rowTexels, min(rows, rowTexels), (rows + rowTexels - 1) / rowTexels)
    }

    /// The place of voxel (i, j, k) within its layer of bricks (layer k / 4).
    @inline(__always) func indexInLayer(_ i: Int, _ j: Int, _ k: Int) -> Int {
        ((j >> 2) * bricks.x + (i >> 2)) << 6 | (k & 3) << 4 | (j & 3) << 2 | (i & 3)
    }
}
