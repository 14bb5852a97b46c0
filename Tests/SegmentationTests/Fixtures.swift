import Foundation
import Phantom
import Volume

/// The committed fixtures (scripts/make-segmentation-fixtures.py) and the phantom CT they were made from.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    /// The phantom study the fixtures were made on: `lightbox phantom --ct-size 64x64x40 --ct-spacing 6,5`.
    static var study: PhantomStudy {
        var study = PhantomStudy.standard
        study.ct = PhantomGrid(columns: 64, rows: 64, slices: 40, pixelSpacing: 6, sliceStep: 5, firstSliceZ: -97.5)
        return study
    }

    /// The CT grid of `study` (axial, i = +x, j = +y, k = +z).
    static var ctGrid: VolumeGeometry {
        let first = study.ct.plane(0)
        return VolumeGeometry(
            dimensions: SIMD3(64, 64, 40), spacing: Vector3(6, 6, 5), origin: first.position,
            iDirection: Vector3(1, 0, 0), jDirection: Vector3(0, 1, 0), kDirection: Vector3(0, 0, 1))
    }

    /// The phantom written once per test process into a temporary folder.
    static let phantomFolder: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-seg-phantom-\(getpid())")
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("CT").path) {
            try! PhantomWriter(study: study).write(to: folder)
        }
        return folder
    }()

    /// expected.json.
    struct Expected: Decodable {
        struct Fixture: Decodable {
            var runs: [[Int]]
            var counts: [String: Int]
        }
        struct NibabelFile: Decodable {
            var file: String
            var affineRAS: [[Double]]
            var shape: [Int]
            var dtype: String
            var firstVolumeSum: Double
            var firstVolumeNaNs: Int
            var firstVoxel: Double
        }
        var fixtures: [String: Fixture]
        var colours: [String: [Int]]
        var names: [String: String]
        var nibabel: [NibabelFile]
    }

    static let expected: Expected = try! JSONDecoder().decode(Expected.self, from: Data(contentsOf: url("expected.json")))

    /// The expected labels of a fixture on the CT grid, (slice, row, column) order.
    static func labels(_ name: String) -> [UInt16] {
        var out = [UInt16](repeating: 0, count: 64 * 64 * 40)
        for run in expected.fixtures[name]!.runs { for n in run[1]..<(run[1] + run[2]) { out[n] = UInt16(run[0]) } }
        return out
    }
}
