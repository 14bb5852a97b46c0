import DICOM
import Foundation
import XCTest

/// Where encapsulated frames begin and end: the Extended Offset Table, the Basic Offset Table and, without either,
/// the fragments that start a codestream must all give the same frames, found in one pass over the fragments.
final class FrameBoundaryTests: XCTestCase {
    /// `count` lossless JPEG frames of rows × columns 8-bit pixels (frame k holds values k, k+1, …), each cut into two
    /// fragments of even length; returns the fragments and every frame's pixel values.
    private func splitFrames(_ count: Int, rows: Int, columns: Int) -> (fragments: [Data], values: [[Int]]) {
        var fragments = [Data](), values = [[Int]]()
        for k in 0..<count {
            let pixels = (0..<(rows * columns)).map { (k + $0) % 256 }
            var stream = LosslessJPEGTestEncoder.encode(pixels, rows: rows, columns: columns, components: 1, precision: 8,
                                                        predictor: 1, pointTransform: 0, restartRows: 0, interleaved: true)
            if stream.count % 2 == 1 { stream.append(0) }  // padding after EOI, as DICOM fragments are even
            fragments += [Data(stream.prefix(6)), Data(stream.dropFirst(6))]
            values.append(pixels)
        }
        return (fragments, values)
    }

    private func file(_ fragments: [Data], frames: Int, rows: Int, columns: Int, basicOffsetTable: [UInt32] = [],
                      extendedOffsetTable: [UInt64]? = nil, name: String) throws -> DICOMFile {
        var ds = Fixtures.image(rows: rows, columns: columns, bitsAllocated: 8, frames: frames)
        ds.setEncapsulatedPixels(fragments, basicOffsetTable: basicOffsetTable)
        if let extendedOffsetTable { ds.set(.extendedOffsetTable, .OV, bytes: Fixtures.bytes(extendedOffsetTable)) }
        return try DICOMFile.parse(try DICOMWriter(transferSyntax: .jpegLossless).encode(ds), name: name)
    }

    private func values(_ file: DICOMFile) throws -> [Int] {
        let decoded = try file.decodePixels()
        return (0..<decoded.storage.count).map { Int(decoded.storage.value(at: $0)) }
    }

    func testOffsetTablesAndStartMarkersGiveTheSameFrames() throws {
        let (fragments, expected) = splitFrames(5, rows: 3, columns: 4)
        // Offsets count from the first fragment's item tag: 8 header bytes plus the value per fragment.
        var itemOffsets = [UInt64](), position: UInt64 = 0
        for fragment in fragments { itemOffsets.append(position); position += 8 + UInt64(fragment.count) }
        let frameOffsets = stride(from: 0, to: fragments.count, by: 2).map { itemOffsets[$0] }
        let layouts = [
            ("start markers", try file(fragments, frames: 5, rows: 3, columns: 4, name: "split.dcm")),
            ("basic offset table", try file(fragments, frames: 5, rows: 3, columns: 4,
                                            basicOffsetTable: frameOffsets.map(UInt32.init), name: "bot.dcm")),
            ("extended offset table", try file(fragments, frames: 5, rows: 3, columns: 4,
                                               extendedOffsetTable: frameOffsets, name: "eot.dcm")),
        ]
        for (layout, file) in layouts {
            XCTAssertEqual(try values(file), expected.flatMap { $0 }, layout)
            XCTAssertEqual(try file.encapsulatedFrame(3), fragments[6] + fragments[7], layout)
            XCTAssertEqual(try file.decodeFrame(4).storage.value(at: 2), Double(expected[4][2]), layout)
        }
        // A table that goes backwards leaves a frame without fragments: that frame is refused by name.
        let backwards = try file(fragments, frames: 5, rows: 3, columns: 4,
                                 basicOffsetTable: [frameOffsets[0], frameOffsets[2], frameOffsets[1], frameOffsets[3],
                                                    frameOffsets[4]].map(UInt32.init), name: "backwards.dcm")
        assertDICOMError(try backwards.decodeFrame(1)) {
            if case .corruptFrame("backwards.dcm", 1, _, _) = $0 { return true }
            return false
        }
        XCTAssertEqual(try backwards.encapsulatedFrame(2), fragments[2] + fragments[3] + fragments[4] + fragments[5])
    }

    func testTensOfThousandsOfSplitFramesAreFoundInOnePass() throws {
        // 10,000 frames of two fragments each and no offset table. Finding each frame's fragments afresh, as this
        // reader once did, reads 20,000 fragment starts per frame, twice per decode: 444 s in a debug build, against
        // about 3 s (mostly writing and parsing the file) in one pass.
        let (fragments, expected) = splitFrames(10_000, rows: 1, columns: 1)
        let many = try file(fragments, frames: 10_000, rows: 1, columns: 1, name: "many.dcm")
        XCTAssertEqual(try values(many), expected.flatMap { $0 })
        XCTAssertEqual(try many.encapsulatedFrame(9_999), fragments[19_998] + fragments[19_999])
    }

    func testFrameByFrameAccessFindsTheSplitOnce() throws {
        // The streaming loader decodes one frame at a time from a metadata-only read: the fragment starts are
        // found on the first frame and kept with the file (and its copies), not found again for each frame
        // (found per frame, these 10,000 frames took 164 s in a debug build; about 2 s now).
        let (fragments, expected) = splitFrames(10_000, rows: 1, columns: 1)
        var ds = Fixtures.image(rows: 1, columns: 1, bitsAllocated: 8, frames: 10_000)
        ds.setEncapsulatedPixels(fragments)
        let data = try DICOMWriter(transferSyntax: .jpegLossless).encode(ds)
        let lazy = try DICOMFile.parse(data, mode: .metadataOnly, name: "lazy.dcm")
        var pixel: [UInt8] = [0]
        var values = [Int]()
        for frame in 0..<10_000 {
            let copy = lazy
            try pixel.withUnsafeMutableBytes { try copy.decodeFrame(frame, into: $0) }
            values.append(Int(pixel[0]))
        }
        XCTAssertEqual(values, expected.flatMap { $0 })
    }
}
