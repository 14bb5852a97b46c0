@testable import Render
import XCTest

/// The bricked layout of label textures: every voxel has its own texel inside the texture, and grids far past
/// GL_MAX_3D_TEXTURE_SIZE along an axis fit.
final class LabelBrickLayoutTests: XCTestCase {
    /// The texel (x, y, z) of voxel (i, j, k), computed as overlay_labels.glsl computes it.
    func texel(_ layout: LabelBrickLayout, _ i: Int, _ j: Int, _ k: Int) -> SIMD3<Int> {
        let inLayer = layout.indexInLayer(i, j, k), mask = layout.rowTexels - 1
        let row = (k >> 2) * layout.layerRows + (inLayer >> layout.rowBits)
        return SIMD3(inLayer & mask, row & mask, row >> layout.rowBits)
    }

    func testEveryVoxelHasItsOwnTexelInsideTheTexture() throws {
        for (d, maxSize) in [(SIMD3(5, 7, 9), 64), (SIMD3(64, 64, 40), 64), (SIMD3(37, 130, 11), 2048), (SIMD3(1, 1, 1), 2048)] {
            let layout = try XCTUnwrap(LabelBrickLayout(dimensions: d, maxSize: maxSize))
            let size = layout.textureSize
            XCTAssertTrue(size.x <= maxSize && size.y <= maxSize && size.z <= maxSize, "\(d): texture \(size)")
            var seen = Set<SIMD3<Int>>()
            for k in 0..<d.z { for j in 0..<d.y { for i in 0..<d.x {
                let t = texel(layout, i, j, k)
                XCTAssertTrue(t.x < size.x && t.y < size.y && t.z < size.z, "\(d): voxel (\(i), \(j), \(k)) at \(t) outside \(size)")
                seen.insert(t)
            } } }
            XCTAssertEqual(seen.count, d.x * d.y * d.z, "\(d): two voxels share a texel")
        }
    }

    func testBricksKeepNeighboursInOneCacheLine() throws {
        let layout = try XCTUnwrap(LabelBrickLayout(dimensions: SIMD3(512, 512, 300), maxSize: 2048))
        let corner = layout.indexInLayer(8, 12, 4)
        for (i, j, k) in [(11, 15, 7), (9, 13, 5), (8, 12, 7)] {
            XCTAssertLessThan(layout.indexInLayer(i, j, k) - corner, 64, "(\(i), \(j), \(k)) is in the brick of (8, 12, 4)")
        }
    }

    func testGridsPastTheTextureSizeFitAndTooManyTexelsDoNot() {
        XCTAssertNotNil(LabelBrickLayout(dimensions: SIMD3(512, 512, 2400), maxSize: 2048))
        XCTAssertNotNil(LabelBrickLayout(dimensions: SIMD3(4096, 64, 64), maxSize: 2048))
        XCTAssertNil(LabelBrickLayout(dimensions: SIMD3(2048, 2048, 2048), maxSize: 2048), "8 G texels")
        XCTAssertNil(LabelBrickLayout(dimensions: SIMD3(64, 64, 64), maxSize: 32), "a texture row must hold a brick")
    }
}
