@testable import Render
import XCTest

/// The block layout of volumes longer than one texture allows: sizes, places, and that it covers every voxel once
/// per block with one shared layer between neighbours.
final class TextureAtlasTests: XCTestCase {
    let llvmpipe = TextureLimits(maxSize: 2048)

    func testVolumesThatFitAreKeptAsStored() throws {
        XCTAssertNil(try TextureAtlas.plan(dimensions: SIMD3(512, 512, 2048), bytesPerVoxel: 2, limits: llvmpipe))
    }

    func testThinSliceWholeBodyCTsAreTwoBlocksSideBySide() throws {
        for columns in [256, 512] {
            let atlas = try XCTUnwrap(TextureAtlas.plan(dimensions: SIMD3(columns, columns, 2400), bytesPerVoxel: 2, limits: llvmpipe))
            XCTAssertEqual(atlas.blocks, SIMD3(1, 1, 2))
            XCTAssertEqual(atlas.blockSize, SIMD3(columns, columns, 1201), "2399 steps in two blocks of 1200 steps")
            XCTAssertEqual(atlas.textureSize, SIMD3(2 * columns, columns, 1201))
            XCTAssertEqual(atlas.origin(ofBlock: SIMD3(0, 0, 1)), SIMD3(columns, 0, 0))
            XCTAssertEqual(atlas.voxels(ofBlock: SIMD3(0, 0, 1)).first, SIMD3(0, 0, 1200), "slice 1200 is in both blocks")
        }
    }

    func testBlocksCoverEveryVoxelAndFitTheTexture() throws {
        let limits = TextureLimits(maxSize: 64)
        for d in [SIMD3(16, 100, 100), SIMD3(100, 100, 16), SIMD3(20, 60, 130), SIMD3(1, 1, 500)] {
            let atlas = try XCTUnwrap(TextureAtlas.plan(dimensions: d, bytesPerVoxel: 2, limits: limits), "\(d)")
            XCTAssertTrue(atlas.textureSize.x <= 64 && atlas.textureSize.y <= 64 && atlas.textureSize.z <= 64, "\(d): \(atlas)")
            var origins = Set<SIMD3<Int>>()
            for axis in 0..<3 {
                // Along each axis the blocks' voxel ranges tile 0 ..< d with one voxel shared between neighbours.
                var next = 0
                for b in 0..<atlas.blocks[axis] {
                    var block = SIMD3(0, 0, 0)
                    block[axis] = b
                    let (first, count) = atlas.voxels(ofBlock: block)
                    XCTAssertEqual(first[axis], max(0, next - 1), "\(d) axis \(axis) block \(b)")
                    next = first[axis] + count[axis]
                }
                XCTAssertEqual(next, d[axis], "\(d) axis \(axis)")
            }
            for block in atlas.allBlocks { origins.insert(atlas.origin(ofBlock: block)) }
            XCTAssertEqual(origins.count, atlas.blockCount, "\(d): each block has its own tile")
        }
    }

    func testVolumesOverTheBudgetAreRefusedWithTheNumbers() {
        XCTAssertThrowsError(try TextureAtlas.plan(dimensions: SIMD3(512, 512, 600), bytesPerVoxel: 2, limits: TextureLimits(maxSize: 2048, maxBytes: 1 << 28))) { error in
            guard case RenderError.textureTooLarge(let d, let bytes, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(d, SIMD3(512, 512, 600))
            XCTAssertEqual(bytes, 512 * 512 * 600 * 2)
            XCTAssertTrue("\(error)".contains("300 MiB"), "\(error)")
        }
    }
}
