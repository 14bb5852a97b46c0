import Foundation
import Jobs
import Loading
import Render
import Volume
import XCTest

/// NaN voxels (FSL and SPM write NaN outside a brain mask) are written as 0: the volume, and every view of it, equal
/// those of the same file with 0 where the NaN were. Before, a NaN poisoned the maximum of each MIP ray through it.
final class NIfTINaNTests: XCTestCase {
    /// A float32 NIfTI-1 of an ellipsoid (values 1…100 inside), `background` outside.
    func write(background: Float, name: String) throws -> URL {
        let (nx, ny, nz) = (24, 20, 12)
        let header = NIfTIBytes.header(dims: [3, nx, ny, nz], datatype: 16, bitpix: 32)
        var voxels: [UInt8] = []
        for k in 0..<nz { for j in 0..<ny { for i in 0..<nx {
            let r = (pow(Double(i - 12) / 10, 2) + pow(Double(j - 10) / 8, 2) + pow(Double(k - 6) / 5, 2)).squareRoot()
            let value = r < 1 ? Float(1 + 99 * (1 - r)) : background
            withUnsafeBytes(of: value.bitPattern.littleEndian) { voxels += $0 }
        } } }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-nifti-nan-\(UUID().uuidString)-\(name)")
        try Data(header + voxels).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testNaNVoxelsAreZeroAndEveryViewEqualsTheZeroBackgroundFiles() async throws {
        let session = LightboxSession()
        let withNaN = try await session.open(.nifti(try write(background: .nan, name: "nan.nii").path))
        let withZero = try await session.open(.nifti(try write(background: 0, name: "zero.nii").path))
        await withNaN.streaming.load()
        await withZero.streaming.load()
        let a = withNaN.streaming.volume, b = withZero.streaming.volume
        XCTAssertEqual(a.voxelType, .float32)
        let count = a.geometry.voxelCount
        let voxelsA = UnsafeBufferPointer(start: a.buffer.baseAddress.assumingMemoryBound(to: Float.self), count: count)
        let voxelsB = UnsafeBufferPointer(start: b.buffer.baseAddress.assumingMemoryBound(to: Float.self), count: count)
        XCTAssertFalse(voxelsA.contains { $0.isNaN }, "a NaN voxel stayed NaN")
        XCTAssertTrue(zip(voxelsA, voxelsB).allSatisfy { $0.bitPattern == $1.bitPattern }, "the volumes differ")

        let engine = try session.renderEngine()
        let window = VOIWindow(centre: 50, width: 100)
        let g = a.geometry
        let views: [(String, (ImageVolume) -> Viewport.Content)] = [
            ("MIP from the front", { .mip(MIPView(plane: .coronal(centre: g.centre), width: 48, height: 24, pixelSpacing: 0.5, window: window), $0, colormap: .grey) }),
            ("MIP at 30°", { .mip(MIPView.rotating(g, angle: 0.52, width: 48, height: 48, window: window), $0, colormap: .grey) }),
            ("axial, linear", { .mpr(MPRView(plane: .axial(centre: g.centre), width: 48, height: 40, pixelSpacing: 0.5, window: window, sampling: .linear), $0) }),
        ]
        for (name, content) in views {
            let x = try await engine.render(Layout.single(content(a), orientationLetters: false)).frame
            let y = try await engine.render(Layout.single(content(b), orientationLetters: false)).frame
            XCTAssertEqual(x.samples8, y.samples8, "\(name): the NaN file renders otherwise than the zero-background one")
            XCTAssertGreaterThan(x.samples8.max() ?? 0, 200, "\(name): the ellipsoid shows")
        }
    }
}
