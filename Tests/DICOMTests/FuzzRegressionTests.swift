import DICOM
import Foundation
import XCTest

/// Every input in Tests/DICOMTests/Regressions (crashes and near-misses found by fuzzing or review) goes
/// through what the fuzz targets do: full and metadata-only reads, every value read back, encapsulated
/// frames, the pixel budget check and, when that passes, native decoding. None may crash; the named
/// ones must end in the typed error recorded here. scripts/fuzz.sh also seeds its corpora from this folder.
final class FuzzRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Regressions")

    /// What each named regression must end in, as a check on the error.
    static let expected: [String: @Sendable (DICOMError) -> Bool] = [
        // 306 bytes: 10,000 frames of 65535 × 65535 16-bit pixels with 4 bytes of pixel data. decodePixels()
        // allocated the 85 TB output before it compared the pixel bytes; the budget check (which decoding now
        // calls first) refuses it with the numbers.
        "decode-allocates-before-size-check.dcm": {
            if case .pixelDataTooLarge(_, 10_000, 8_589_672_450, _) = $0 { return true }
            return false
        },
        // 307 bytes: 65535 × 24575 16-bit pixels under an unknown transfer syntax (2.2.840.10009.1.2.1, taken as
        // encapsulated). The budget check let encapsulated data through, so decodePixels() allocated 3.2 GB before
        // finding that no decoder exists for the syntax.
        "budget-passes-unknown-syntax.dcm": {
            if case .unsupportedTransferSyntax(uid: "2.2.840.10009.1.2.1", _) = $0 { return true }
            return false
        },
    ]

    static func budgetError(_ file: DICOMFile) -> DICOMError? {
        switch Result(catching: { () throws(DICOMError) in try file.checkPixelBudget() }) {
        case .success: return nil
        case .failure(let error): return error
        }
    }

    func testEveryRegressionInputEndsTypedWithoutCrashing() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
        XCTAssertFalse(files.isEmpty)
        for url in files {
            let data = try Data(contentsOf: url)
            let name = url.lastPathComponent
            var budgetError: DICOMError?
            for mode in [ReadMode.full, .metadataOnly] {
                guard let file = try? DICOMFile.parse(data, mode: mode, name: name) else { continue }
                _ = file.dataSet.elements.map { element in (file.dataSet.string(element.tag), file.dataSet.doubles(element.tag)) }
                if file.encapsulatedPixelData != nil {
                    for index in 0..<min(file.numberOfFrames, 8) { _ = try? file.encapsulatedFrame(index) }
                }
                if let error = Self.budgetError(file) {
                    budgetError = error
                } else {
                    _ = try? file.decodePixels()
                    _ = try? file.decodeFrame(0)
                }
            }
            if let check = Self.expected[name] {
                guard let budgetError else { XCTFail("\(name): expected a refusal, got none"); continue }
                XCTAssertTrue(check(budgetError), "\(name): unexpected \(budgetError)")
            }
        }
    }
}
