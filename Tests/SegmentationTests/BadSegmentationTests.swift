import DICOM
import Foundation
import NIfTI
import Segmentation
import TestSupport
import XCTest

/// Damaged segmentation and NIfTI files are refused with a typed error that names the file, before allocating.
final class BadSegmentationTests: XCTestCase {
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-bad-seg-\(getpid())")

    override func setUp() {
        try? FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    }

    func write(_ bytes: [UInt8], _ name: String) throws -> URL {
        let url = temporary.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    func segError(_ file: DICOMFile) -> SegmentationError? {
        do { _ = try LabelVolume.seg(file); return nil } catch { return error }
    }

    func testTruncatedSEGNamesTheFile() throws {
        let bytes = try [UInt8](Data(contentsOf: Fixtures.url("seg-binary.dcm")))
        let url = try write(Array(bytes.prefix(bytes.count - 3000)), "cut-seg.dcm")
        XCTAssertThrowsError(try LabelVolume.read(url, imageGrid: Fixtures.ctGrid, imageFrameOfReference: nil)) { error in
            XCTAssertTrue(String(describing: error).contains("cut-seg.dcm"), String(describing: error))
        }
    }

    func testFramesThatLieAboutTheirCount() throws {
        let file = try DICOMFile.read(contentsOf: Fixtures.url("seg-binary.dcm"))
        var dataSet = file.dataSet
        let frames = dataSet.int(.numberOfFrames)!
        dataSet.set(.numberOfFrames, .IS, String(frames + 5))
        let lying = try DICOMFile.parse(try DICOMWriter().encode(dataSet), name: "lying-seg.dcm")
        guard case .frameMapping(let name, let reason)? = segError(lying) else { return XCTFail("expected a frame-mapping error") }
        XCTAssertEqual(name, "lying-seg.dcm")
        XCTAssertTrue(reason.contains("\(frames + 5)") && reason.contains("\(frames)"), reason)
    }

    func testOversizeNIfTIHeaderIsRefusedBeforeReading() throws {
        let header = NIfTIBytes.header(dims: [3, 4096, 4096, 256], datatype: 16)  // 16 GiB of float32 declared
        let plain = try write(header + [UInt8](repeating: 0, count: 700), "huge.nii")
        XCTAssertThrowsError(try NIfTIFile(url: plain)) { error in
            guard case NIfTIError.implausibleSize(let file, let declared, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "huge.nii")
            XCTAssertEqual(declared, 4096 * 4096 * 256 * 4)
        }
        let compressed = try write(NIfTIBytes.gzip(header + [UInt8](repeating: 0, count: 700)), "huge.nii.gz")
        XCTAssertThrowsError(try NIfTIFile(url: compressed)) { error in
            guard case NIfTIError.implausibleSize(let file, _, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "huge.nii.gz")
        }
    }

    func testTruncatedGzipNIfTIFailsOnRead() throws {
        let header = NIfTIBytes.header(dims: [3, 64, 64, 8], datatype: 2)
        var random = SplitMix64(seed: 3)
        let image = NIfTIBytes.gzip(header + (0..<(64 * 64 * 8)).map { _ in UInt8.random(in: 0...255, using: &random) })
        let url = try write(Array(image.prefix(image.count / 2)), "cut.nii.gz")
        let file = try NIfTIFile(url: url)
        XCTAssertThrowsError(try (0..<8).forEach { _ = try file.sliceBytes($0) }) { error in
            XCTAssertTrue(String(describing: error).contains("cut.nii.gz"), String(describing: error))
        }
    }

    func testUnknownDatatypeIsNamed() throws {
        let url = try write(NIfTIBytes.header(dims: [3, 2, 2, 2], datatype: 32) + [UInt8](repeating: 0, count: 64), "complex.nii")
        XCTAssertThrowsError(try NIfTIFile(url: url)) { error in
            XCTAssertEqual(error as? NIfTIError, .unsupportedDatatype(file: "complex.nii", code: 32))
        }
    }

    func testNotNIfTI() throws {
        let url = try write([UInt8](repeating: 1, count: 400), "noise.nii")
        XCTAssertThrowsError(try NIfTIFile(url: url)) { error in
            guard case NIfTIError.notNIfTI(let file, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "noise.nii")
        }
    }
}
