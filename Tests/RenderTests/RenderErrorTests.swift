import Render
import Volume
import XCTest

final class RenderErrorTests: XCTestCase {
    func testVolumeOverTheTextureBudgetIsRefusedWithTheNumbers() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(4, 4, 100), spacing: Vector3(1, 1, 1))
        let volume = try SyntheticVolume.empty(g, type: .int16)
        // 3,200 bytes of voxels; reduced 16× in-plane it is still 1×1×100 (200 bytes), over a budget of 150.
        let engine = try RenderEngine(textureLimits: TextureLimits(maxSize: 64, maxBytes: 150))
        do {
            try await engine.updateTexture(for: volume)
            XCTFail("expected textureTooLarge")
        } catch {
            guard case .textureTooLarge(let dims, let bytes, let limits) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(dims, SIMD3(4, 4, 100))
            XCTAssertEqual(bytes, 3200)
            XCTAssertEqual(limits.maxSize, 64)
            XCTAssertTrue(error.description.contains("GL_MAX_3D_TEXTURE_SIZE 64"), error.description)
        }
    }

    func testEmptyViewIsRefused() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(4, 4, 4), spacing: Vector3(1, 1, 1))
        let volume = try SyntheticVolume.empty(g, type: .int16)
        let view = MPRView(plane: .axial(centre: g.centre), width: 0, height: 10, pixelSpacing: 1, window: .bone)
        do {
            _ = try await TestEngine.shared.render(view, of: volume)
            XCTFail("expected invalidView")
        } catch {
            guard case .invalidView = error else { return XCTFail("\(error)") }
        }
    }

    func testRendererDescriptionNamesTheDriver() async throws {
        let description = try await TestEngine.shared.rendererDescription()
        XCTAssertTrue(description.contains("Core Profile"), description)
    }
}
