import DICOM
import Foundation
import XCTest

/// The reader's resource bounds: each refusal states its numbers and comes before the allocation,
/// so a small file that claims huge pixels costs about its own size in memory.
final class ResourceLimitTests: XCTestCase {
    /// A file of about 1 KB whose header claims 2 frames of 32768 × 32768 16-bit pixels (4 GiB) and whose
    /// pixel data element declares 0xFFFFFFF0 bytes while 400 follow.
    static func claimsFourGigabytes(frames: Int = 2) throws -> Data {
        var ds = Fixtures.image(rows: 32768, columns: 32768, bitsAllocated: 16, frames: frames)
        ds.setPixels([UInt16](repeating: 7, count: 200))
        var data = try DICOMWriter().encode(ds)
        let header: [UInt8] = [0xE0, 0x7F, 0x10, 0x00, 0x4F, 0x57, 0x00, 0x00]
        guard let range = data.firstRange(of: Data(header)) else { throw XCTSkip("writer layout changed") }
        data.replaceSubrange(range.upperBound..<(range.upperBound + 4), with: Fixtures.bytes([UInt32(0xFFFF_FFF0)]))
        return data
    }

    func testDefaultsAreStated() {
        let limits = DICOMReadLimits.default
        XCTAssertEqual(limits.maxSequenceDepth, 64)
        XCTAssertEqual(limits.maxElements, 1_000_000)
        XCTAssertEqual(limits.maxInflatedBytes, 2 << 30)
        XCTAssertEqual(limits.maxDecodedBytes, 4 << 30)
        XCTAssertLessThanOrEqual(limits.effectiveMaxDecodedBytes, 4 << 30)
        XCTAssertFalse(limits.allowOddLengths)
    }

    func testOneKilobyteFileClaimingFourGigabytesCostsAboutOneKilobyte() throws {
        let data = try Self.claimsFourGigabytes()
        XCTAssertLessThan(data.count, 1024, "the file is under 1 KB")
        var messages: [String] = []
        var metadataFile: DICOMFile?
        let growth = try MemoryProbe.peakGrowth {
            for _ in 0..<20 {
                do { _ = try DICOMFile.parse(data, mode: .full, name: "claims4G.dcm") } catch { messages.append("\(error)") }
                let file = try DICOMFile.parse(data, mode: .metadataOnly, name: "claims4G.dcm")
                do { try file.checkPixelBudget() } catch { messages.append("\(error)") }
                do { _ = try file.decodeFrame(0) } catch { messages.append("\(error)") }
                metadataFile = file
            }
        }
        // The full read stops at the pixel data length; the budget check at the missing bytes.
        XCTAssertTrue(messages.contains { $0.contains("declares length 4294967280") }, messages.joined(separator: "\n"))
        XCTAssertTrue(messages.contains { $0.contains("need 4294967296 bytes of pixel data but only") }, messages.joined(separator: "\n"))
        print("claims-4GiB file of \(data.count) bytes: peak RSS grew \(growth) bytes over 20 reads, budget checks and frame decodes")
        // Slack: 1 MiB for allocator and page-granularity noise (the claim is 4 GiB).
        XCTAssertLessThan(growth, 1 << 20, "peak RSS grew \(growth) bytes")
        XCTAssertNotNil(metadataFile)
    }

    func testDecodedSizeLimitRefusesWithNumbersBeforeAllocating() throws {
        let data = try Self.claimsFourGigabytes(frames: 3)
        let file = try DICOMFile.parse(data, mode: .metadataOnly, name: "claims6G.dcm")
        assertDICOMError(try file.checkPixelBudget()) {
            guard case .pixelDataTooLarge("claims6G.dcm", 3, 2_147_483_648, let limit) = $0 else { return false }
            return limit <= 4 << 30 && $0.description.contains("needs 6442450944 bytes")
        }
        // One frame fits the default limit; it is then refused because its bytes are not in the file.
        assertDICOMError(try file.checkPixelBudget(frames: 1)) {
            if case .pixelDataTooShort("claims6G.dcm", 3, 2_147_483_648, 6_442_450_944, let available) = $0 { return available < 1024 }
            return false
        }
        var small = DICOMReadLimits.default
        small.maxDecodedBytes = 1 << 30
        let limited = try DICOMFile.parse(data, mode: .metadataOnly, limits: small, name: "claims6G.dcm")
        assertDICOMError(try limited.checkPixelBudget(frames: 1)) {
            if case .pixelDataTooLarge(_, 1, 2_147_483_648, 1_073_741_824) = $0 { return true }
            return false
        }
    }

    func testBudgetCheckPassesRealImagesAndReturnsTheirDescription() throws {
        var ds = Fixtures.image(rows: 4, columns: 3, bitsAllocated: 16, frames: 2)
        ds.setPixels([UInt16](repeating: 1, count: 24))
        for mode in [ReadMode.full, .metadataOnly] {
            let file = try DICOMFile.parse(try DICOMWriter().encode(ds), mode: mode)
            let d = try file.checkPixelBudget()
            XCTAssertEqual(d.decodedBytesPerFrame, 24)
            XCTAssertEqual(try file.decodePixels().storage.count, 24)
        }
    }

    func testSequenceDepthAndElementCountLimitsAreConfigurable() throws {
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 16)
        var item = DataSet()
        item.set(.patientID, .LO, "X")
        for _ in 0..<5 {
            var outer = DataSet()
            outer.set(Tag(0x0008, 0x1140), items: [item])
            item = outer
        }
        ds.set(Tag(0x0008, 0x1140), items: [item])
        let data = try DICOMWriter().encode(ds)
        XCTAssertNoThrow(try DICOMFile.parse(data))
        var shallow = DICOMReadLimits.default
        shallow.maxSequenceDepth = 3
        assertDICOMError(try DICOMFile.parse(data, limits: shallow)) {
            if case .sequenceTooDeep(_, _, _, 3) = $0 { return $0.description.contains("limit of 3 levels") }
            return false
        }
        var few = DICOMReadLimits.default
        few.maxElements = 4
        assertDICOMError(try DICOMFile.parse(data, limits: few)) {
            if case .tooManyElements(_, _, 4) = $0 { return $0.description.contains("more than 4 elements") }
            return false
        }
    }

    /// A data set of `count` empty LO elements written in descending tag order after the fixture's (ascending) ones.
    static func descendingElements(_ count: Int) throws -> Data {
        var data = try DICOMWriter().encode(Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8))
        for k in 0..<count {
            let group = UInt16(0x7FDF - 2 * (k / 60_000)), element = UInt16(0xFFFF - k % 60_000)
            data.append(Fixtures.bytes([group, element]))
            data.append(contentsOf: Array("LO".utf8) + [0, 0])
        }
        return data
    }

    func testElementsOutOfTagOrderCannotMakeParsingQuadratic() throws {
        // Each element written before the previous one moves every element after it: 100,000 of them would
        // move 5 × 10^9 elements. The reader sorts a few stray elements and refuses a file that needs more.
        let hostile = try Self.descendingElements(100_000)
        assertDICOMError(try DICOMFile.parse(hostile, name: "descending.dcm")) {
            guard case .elementsOutOfOrder("descending.dcm", _, _, let limit) = $0 else { return false }
            return limit == DICOMReadLimits.default.maxReorderMoves && $0.description.contains("ascending tag order")
        }
        let stray = try DICOMFile.parse(try Self.descendingElements(40), name: "stray.dcm")
        XCTAssertEqual(stray.dataSet.elements.map(\.tag), stray.dataSet.elements.map(\.tag).sorted())
        XCTAssertEqual(stray.dataSet.elements.count, try DICOMFile.parse(try Self.descendingElements(0)).dataSet.count + 40)
        var strict = DICOMReadLimits.default
        strict.maxReorderMoves = 10
        assertDICOMError(try DICOMFile.parse(try Self.descendingElements(40), limits: strict)) {
            if case .elementsOutOfOrder(_, _, _, 10) = $0 { return true }
            return false
        }
    }
}
