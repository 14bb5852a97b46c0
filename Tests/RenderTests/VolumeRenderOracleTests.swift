import Foundation
import Raster
import Render
import Volume
import XCTest

/// Analytic answers for the composite volume rendering: opacity accumulated through a homogeneous slab, the
/// silhouette of a sphere, mirror images of a symmetric phantom from opposite sides, the lighting of a plane on a
/// sheared anisotropic grid, and skipping that never changes a pixel.
final class VolumeRenderOracleTests: XCTestCase {
    let engine = TestEngine.shared

    /// A homogeneous slab 20 slices × 1.5 mm = 30 mm thick seen through its faces: 1 − (1 − α)^(L / 1 mm) at any
    /// step, with or without jitter, within one 8-bit level (1/255).
    func testSlabAccumulatesAnalyticOpacityAtThreeSteps() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(24, 24, 20), spacing: Vector3(1, 1, 1.5))
        let volume = try SyntheticVolume.make(g, type: .int16) { _, _, _ in 100 }
        let alpha = 0.04
        let expected = 1 - pow(1 - alpha, 30.0)
        for step in [0.3, 0.5, 1.1] {
            for jitter in [false, true] {
                let view = VolumeRenderSupport.view(.axial(centre: g.centre), size: 16, spacing: 1, preset: VolumeRenderSupport.constant(alpha: alpha),
                                                    step: step, jitter: jitter)
                let frame = try await engine.render(view, of: volume)
                assertFrame(frame, width: 16, height: 16, equals: { _, _ in UInt8((expected * 255).rounded()) }, tolerance: 1,
                            "slab at step \(step) mm, jitter \(jitter)")
            }
        }
    }

    /// A sphere of radius 30 mm (a one-voxel radial ramp whose midpoint is the surface) under a one-step opaque preset
    /// at that midpoint: the silhouette covers π R² within 1 %.
    func testSphereSilhouetteHasTheSphereArea() async throws {
        let n = 72, radius = 30.0
        let g = SyntheticVolume.geometry(dimensions: SIMD3(n, n, n), spacing: Vector3(1, 1, 1))
        let c = Double(n - 1) / 2
        let volume = try SyntheticVolume.make(g, type: .int16) { i, j, k in
            let r = ((Double(i) - c) * (Double(i) - c) + (Double(j) - c) * (Double(j) - c) + (Double(k) - c) * (Double(k) - c)).squareRoot()
            return (1000 * min(max(radius - r + 0.5, 0), 1)).rounded()
        }
        let spacing = 0.5
        let view = VolumeRenderSupport.view(.coronal(centre: g.centre), size: 160, spacing: spacing, preset: VolumeRenderSupport.step(at: 500))
        let frame = try await engine.render(view, of: volume)
        var count = 0
        for y in 0..<frame.height { for x in 0..<frame.width where frame.grey(x, y) > 127 { count += 1 } }
        let expected = Double.pi * radius * radius / (spacing * spacing)
        XCTAssertEqual(Double(count), expected, accuracy: 0.01 * expected, "silhouette pixels")
    }

    /// A sharp surface (transparent air, opaque from 0 HU; grey 0.2 at 0 HU rising to 1 at 1000 HU, unlit) on a tilted
    /// plane, crossed at every depth between two samples across the picture: each pixel shows the colour at the surface,
    /// 0.2 × 255, at two steps with jitter. Taking the colour of the first sample past the surface (up to 550 HU deeper
    /// on this one-voxel ramp) would scatter it up to 0.64 × 255.
    func testSharpSurfaceShowsItsColourAtAnyStep() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(32, 32, 32), spacing: Vector3(1, 1, 1))
        let normal = Vector3(0.2, 1, 0.15).normalized, c = 15.5
        let volume = try SyntheticVolume.make(g, type: .int16) { i, j, k in
            let d = (Vector3(Double(i), Double(j), Double(k)) - Vector3(c, c, c)).dot(normal)
            return (-450 + 1100 * min(max(d, -0.5), 0.5)).rounded()   // −1000 HU in front (anterior), +100 behind
        }
        let preset = VolumePreset(
            name: "sharp", scalarOpacity: [.init(-2000, 0), .init(-1, 0), .init(0, 1), .init(2000, 1)],
            colour: [.init(-2000, 0.2, 0.2, 0.2), .init(0, 0.2, 0.2, 0.2), .init(1000, 1, 1, 1), .init(2000, 1, 1, 1)])
        for step in [0.5, 1.0] {
            let view = VolumeRenderSupport.view(.coronal(centre: g.centre), size: 24, spacing: 1, preset: preset, step: step)
            let frame = try await engine.render(view, of: volume)
            assertFrame(frame, width: 24, height: 24, equals: { _, _ in 51 }, tolerance: 4, "surface colour at step \(step) mm")
        }
    }

    /// A phantom symmetric front to back (about its coronal midplane) seen from the front (0°) and the back (180°), and
    /// one symmetric left to right seen from the left (90°) and the right (270°): each pair are mirror images (left
    /// and right swapped), shaded with CT-Bone. Neither image is symmetric itself, so a pair that were not mirrored
    /// would fail.
    func testSymmetricPhantomsGiveMirrorImagesFromOppositeSides() async throws {
        let d = SIMD3(40, 36, 30)
        let g = SyntheticVolume.geometry(dimensions: d, spacing: Vector3(1, 1, 1))
        let preset = try VolumePresets.named("CT-Bone")
        // Blobs placed asymmetrically in every axis but `symmetric`, about whose middle they are mirrored.
        func phantom(symmetric axis: Int) throws -> ImageVolume {
            try SyntheticVolume.make(g, type: .int16) { i, j, k in
                var p = Vector3(Double(i), Double(j), Double(k))
                let mid = Double(d[axis] - 1) / 2
                p[axis] = mid + abs(p[axis] - mid)
                var offA = Vector3(11, 9, 8), offB = Vector3(27, 24, 19)
                offA[axis] = mid + 7
                offB[axis] = mid + 3
                let a = (p - offA).length, b = (p - offB).length
                return (a < 6 ? 900 : 0) + (b < 8 ? 400 : 0) + (b < 4 ? 800 : 0)
            }
        }
        for (axis, angles) in [(1, (0.0, 180.0)), (0, (90.0, 270.0))] {
            let volume = try phantom(symmetric: axis)
            func render(_ degrees: Double) async throws -> Frame {
                var view = VolumeRenderView.rotating(g, angle: degrees * .pi / 180, width: 64, height: 48, preset: preset)
                view.jitter = false
                return try await engine.render(view, of: volume)
            }
            let first = try await render(angles.0), second = try await render(angles.1)
            assertFrame(second, width: 64, height: 48, equals: { x, y in first.grey(63 - x, y) }, tolerance: 2,
                        "\(angles.1)° against the mirrored \(angles.0)°")
            var asymmetric = 0
            for y in 0..<48 { for x in 0..<64 where abs(Int(first.grey(x, y)) - Int(first.grey(63 - x, y))) > 10 { asymmetric += 1 } }
            XCTAssertGreaterThan(asymmetric, 50, "the \(angles.0)° image must not be symmetric itself")
        }
    }

    /// A plane x = const on a sheared grid with unequal spacings, lit diffusely (ambient 0, diffuse 1, grey 0.5): seen
    /// along its normal it shows 0.5 × 255; seen at 60° from it, 0.5 × cos 60° × 255. A gradient taken in index space
    /// (not through the inverse transpose) would tilt the normal and miss both.
    func testPlaneOnShearedGridIsLitByItsPatientNormal() async throws {
        let k = Vector3(0.35, 0.2, 1).normalized
        let g = SyntheticVolume.geometry(dimensions: SIMD3(40, 34, 30), spacing: Vector3(0.7, 1.3, 2), origin: Vector3(-14, -20, -30), k: k)
        let volume = try SyntheticVolume.make(g, type: .int16) { i, j, kk in
            (g.world(Double(i), Double(j), Double(kk)).x * -100).rounded()   // opaque on the patient's right of the plane
        }
        let shading = VolumePreset.Shading(enabled: true, ambient: 0, diffuse: 1, specular: 0, specularPower: 1)
        let preset = VolumeRenderSupport.step(at: (g.centre.x * -100).rounded(), grey: 0.5, shading: shading)
        for (degrees, expected) in [(90.0, 0.5), (30.0, 0.5 * cos(Double.pi / 3))] {
            // From the patient's left (90°) the rays run along −x, straight into the plane; at 30° they meet it at 60°.
            var view = VolumeRenderView.rotating(g, angle: degrees * .pi / 180, width: 48, height: 48, preset: preset)
            view.pixelSpacing = 0.25
            let frame = try await engine.render(view, of: volume)
            assertFrame(frame, width: 48, height: 48, equals: { _, _ in UInt8((expected * 255).rounded()) }, tolerance: 3,
                        "plane lit at \(degrees)°")
        }
    }

    /// Rays run front to back: a volume whose anterior half is red and posterior half blue (each nearly opaque over
    /// its 15 mm) shows red from the front (0°) and blue from the back (180°).
    func testRaysCompositeFrontToBack() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(20, 30, 20), spacing: Vector3(1, 1, 1), origin: Vector3(-10, -15, -10))
        let volume = try SyntheticVolume.make(g, type: .int16) { _, j, _ in j < 15 ? 100 : 300 }   // j < 15: anterior (−y)
        let preset = VolumePreset(
            name: "two", scalarOpacity: [.init(0, 0.5), .init(400, 0.5)],
            colour: [.init(0, 1, 0, 0), .init(199, 1, 0, 0), .init(200, 0, 0, 1), .init(400, 0, 0, 1)])
        for (degrees, red) in [(0.0, true), (180.0, false)] {
            let frame = try await engine.render(VolumeRenderView.rotating(g, angle: degrees * .pi / 180, width: 32, height: 32, preset: preset), of: volume)
            let centre = try XCTUnwrap(frame.pixel(x: 16, y: 16))
            XCTAssertGreaterThan(red ? centre.r : centre.b, 250, "\(degrees)°: \(centre)")
            XCTAssertLessThan(red ? centre.b : centre.r, 5, "\(degrees)°: \(centre)")
        }
    }

    /// Bricks whose values are all transparent are skipped; the frame is the same as without skipping, exactly.
    func testSkippingNeverChangesThePicture() async throws {
        let g = SyntheticVolume.geometry(dimensions: SIMD3(70, 60, 50), spacing: Vector3(0.8, 0.8, 1.5))
        let volume = try SyntheticVolume.make(g, type: .int16) { i, j, k in
            i < 30 ? -1000 : SyntheticVolume.pattern(i, j, k)
        }
        let preset = try VolumePresets.named("CT-Bone")
        for degrees in [0.0, 35.0] {
            var view = VolumeRenderView.rotating(g, angle: degrees * .pi / 180, elevation: 0.3, width: 96, height: 96, preset: preset)
            let skipped = try await engine.render(view, of: volume)
            view.emptySpaceSkipping = false
            let full = try await engine.render(view, of: volume)
            XCTAssertEqual(skipped.samples8, full.samples8, "skipping changed the \(degrees)° frame")
        }
    }
}
