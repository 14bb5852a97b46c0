import Foundation
import Jobs
import Loading
import NIfTI
import Render
import Volume
import XCTest

/// The window a NIfTI image gets when the request gives none: its header's display range (cal_min/cal_max) when set,
/// else the range of its data (a NIfTI declares no range of its values; its datatype's would be all of int16).
final class NIfTIWindowTests: XCTestCase {
    /// A gzip NIfTI-1 of 8 × 8 × 3 int16 voxels from −1000 to 1200 (one of them each), cal_min/cal_max as given.
    func write(calibration: (min: Float, max: Float)?, name: String) throws -> URL {
        var header = NIfTIBytes.header(dims: [3, 8, 8, 3], datatype: 4, bitpix: 16)
        if let calibration {
            for (value, offset) in [(calibration.max, 124), (calibration.min, 128)] {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { for (n, b) in $0.enumerated() { header[offset + n] = b } }
            }
        }
        var values = (0..<(8 * 8 * 3)).map { (n: Int) -> Int16 in Int16(n * 5 - 300) }
        values[7] = -1000
        values[150] = 1200
        let voxels = values.flatMap { v in withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-nifti-window-\(UUID().uuidString)-\(name)")
        try Data(NIfTIBytes.gzip(header + voxels)).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func testWithoutADisplayRangeTheWindowCoversTheData() async throws {
        let url = try write(calibration: nil, name: "plain.nii.gz")
        let slices = try await NIfTIImageLoader().loadMetadata(imageID: NIfTIImageLoader.imageID(for: url))
        XCTAssertEqual(slices.count, 3)
        XCTAssertTrue(slices.allSatisfy { $0.declaredStoredRange == -1000...1200 && $0.fileWindow == nil }, "\(slices.map(\.declaredStoredRange))")
        let opened = try await LightboxSession().open(.nifti(url.path))
        await opened.streaming.load()
        let (window, source) = WindowPolicy.window(for: opened.streaming.volume, plane: nil, representative: nil)
        XCTAssertEqual(window, VOIWindow.covering(-1000, 1200), source)
    }

    func testTheHeadersDisplayRangeIsTheWindow() async throws {
        let url = try write(calibration: (-160, 240), name: "calibrated.nii.gz")
        let slices = try await NIfTIImageLoader().loadMetadata(imageID: NIfTIImageLoader.imageID(for: url))
        XCTAssertTrue(slices.allSatisfy { $0.declaredStoredRange == nil && $0.fileWindow?.centre == 40 && $0.fileWindow?.width == 400 },
                      "\(slices.map(\.fileWindow))")
    }

    /// The typed range of every datatype equals the smallest and largest finite `value(at:)`, in both byte orders.
    func testEveryDatatypesRangeIsThatOfItsValues() {
        var random = SystemRandomNumberGenerator()
        let bytes = (0..<(64 * 8)).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes.withUnsafeBytes { raw in
            for type in NIfTIDatatype.allCases { for big in [false, true] {
                let values = (0..<64).map { type.value(at: $0, of: raw, bigEndian: big) }.filter(\.isFinite)
                XCTAssertEqual(type.range(of: raw, count: 64, bigEndian: big), values.min()!...values.max()!, "\(type), big-endian \(big)")
            } }
        }
    }
}
