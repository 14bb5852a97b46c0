import Foundation
import XCTest
@testable import Volume

/// Released large voxel buffers lend their memory to the next of about their size, zero-filled as a fresh one.
final class VoxelBufferReuseTests: XCTestCase {
    func testReleasedMemoryIsReusedZeroed() throws {
        let count = ReleasedVoxelMemory.minimumBytes / 2 + 1000  // int16: just over the minimum
        var first: VoxelBuffer? = try VoxelBuffer(type: .int16, count: count, limit: .max)
        let address = first!.baseAddress
        memset(address, 0x5A, first!.byteCount)
        first = nil
        // A little smaller still fits the block (within 1/4); the memory comes back as zeros.
        let second = try VoxelBuffer(type: .int16, count: count - 500, limit: .max)
        XCTAssertEqual(second.baseAddress, address, "the released block is reused")
        let bytes = UnsafeRawBufferPointer(start: second.baseAddress, count: second.byteCount)
        XCTAssertNil(bytes.firstIndex { $0 != 0 }, "a reused block is zeroed as calloc's would be")
        // Much smaller, or small at all: fresh memory.
        XCTAssertNil(ReleasedVoxelMemory.take(ReleasedVoxelMemory.minimumBytes - 1))
    }
}
