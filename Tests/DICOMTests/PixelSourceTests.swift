import DICOM
import Foundation
import XCTest

/// Input held in pieces (a multipart part as it arrived), cut at chosen places.
private struct Pieces: PixelBytesSource {
    let pieces: [Data]
    var count: Int { pieces.reduce(0) { $0 + $1.count } }
    /// Reads made, as (offset, length).
    let reads = ReadLog()

    init(_ data: Data, cuts: [Int]) {
        let bounds = [0] + cuts.filter { $0 > 0 && $0 < data.count }.sorted() + [data.count]
        pieces = zip(bounds, bounds.dropFirst()).map { Data(data[$0..<$1]) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(DICOMError) {
        reads.add(offset, buffer.count)
        let whole = pieces.reduce(Data(), +)
        guard offset >= 0, offset + buffer.count <= whole.count else {
            throw .truncated(name: "pieces", offset: offset, needed: buffer.count, remaining: 0, context: "test")
        }
        whole.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + buffer.count)])) }
    }
}

private final class ReadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(Int, Int)] = []
    func add(_ offset: Int, _ length: Int) { lock.withLock { entries.append((offset, length)) } }
    var all: [(offset: Int, length: Int)] { lock.withLock { entries.map { (offset: $0.0, length: $0.1) } } }
}

/// A header parsed from a pixel source reads its pixels from there, frame by frame, and decodes exactly what a
/// full parse of the same bytes decodes, whatever the transfer syntax.
final class PixelSourceTests: XCTestCase {
    private func image(frames: Int, bitsStored: Int = 16, signed: Bool = true) -> (DataSet, [UInt16]) {
        var ds = Fixtures.image(rows: 64, columns: 48, bitsAllocated: 16, bitsStored: bitsStored, signed: signed, frames: frames)
        ds.set(.patientName, .PN, "Pieces^Test")
        let pixels = (0..<(64 * 48 * frames)).map { UInt16(truncatingIfNeeded: $0 &* 2654435761 >> 7) & UInt16((1 << bitsStored) - 1) }
        ds.setPixels(pixels)
        return (ds, pixels)
    }

    private func values(_ pixels: DecodedPixels) -> [Double] {
        (0..<pixels.storage.count).map { pixels.storage.value(at: $0) }
    }

    private func assertSameFrames(_ data: Data, frames: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let full = try DICOMFile.parse(data)
        for cuts in [[], [7, 300, 1000, 4097], Array(stride(from: 333, to: data.count, by: 333))] {
            let source = Pieces(data, cuts: cuts)
            let header = try DICOMFile.parseHeader(of: source, name: "pieces")
            XCTAssertEqual(header.dataSet.string(.patientName), "Pieces^Test", file: file, line: line)
            XCTAssertEqual(try header.pixelDescription(), try full.pixelDescription(), file: file, line: line)
            for frame in 0..<frames {
                XCTAssertEqual(try values(header.decodeFrame(frame)), try values(full.decodeFrame(frame)),
                               "frame \(frame), cuts \(cuts.prefix(3))", file: file, line: line)
                let bytes = try full.frameByteCount()
                var into = [UInt8](repeating: 0xAA, count: bytes)
                try into.withUnsafeMutableBytes { try header.decodeFrame(frame, into: $0) }
                var reference = [UInt8](repeating: 0, count: bytes)
                try reference.withUnsafeMutableBytes { try full.decodeFrame(frame, into: $0) }
                XCTAssertEqual(into, reference, "frame \(frame) into a buffer", file: file, line: line)
            }
        }
    }

    func testNativeLittleEndianFramesAreReadStraightFromThePieces() throws {
        let (ds, pixels) = image(frames: 3)
        let data = try DICOMWriter().encode(ds)
        try assertSameFrames(data, frames: 3)
        // The header came from a prefix; each frame then is one read of exactly its bytes, where the header says.
        let source = Pieces(data, cuts: [100, 5000, 9000])
        let header = try DICOMFile.parseHeader(of: source, name: "pieces")
        let location = try XCTUnwrap(header.pixelDataLocation)
        XCTAssertEqual(location.length, pixels.count * 2)
        let before = source.reads.all.count
        var frame = [Int16](repeating: 0, count: 64 * 48)
        try frame.withUnsafeMutableBytes { try header.decodeFrame(2, into: $0) }
        XCTAssertEqual(source.reads.all.dropFirst(before).map(\.offset), [location.offset + 2 * 64 * 48 * 2])
        XCTAssertEqual(source.reads.all.dropFirst(before).map(\.length), [64 * 48 * 2])
        XCTAssertEqual(frame.map { UInt16(bitPattern: $0) }, Array(pixels[(2 * 64 * 48)...]))
    }

    func testMaskedBigEndianDeflatedAndEncapsulatedInputsDecodeAsAFullParseDoes() throws {
        let (masked, _) = image(frames: 2, bitsStored: 12)
        try assertSameFrames(try DICOMWriter().encode(masked), frames: 2)
        let (plain, _) = image(frames: 2)
        for syntax in [TransferSyntax.explicitVRBigEndian, .implicitVRLittleEndian, .deflatedExplicitVRLittleEndian] {
            XCTAssertNoThrow(try assertSameFrames(try DICOMWriter(transferSyntax: syntax).encode(plain), frames: 2), syntax.name)
        }
        let rle = try DICOMWriter(transferSyntax: .rleLossless).encode(try RLEEncoder.encapsulating(plain))
        try assertSameFrames(rle, frames: 2)
    }

    func testAHeaderLongerThanTheFirstPrefixIsReadInLongerPrefixes() throws {
        var (ds, _) = image(frames: 1)
        ds.set(.studyDescription, .LO, String(repeating: "x", count: 20_000))
        let data = try DICOMWriter().encode(ds)
        try assertSameFrames(data, frames: 1)
    }

    func testPixelsThePiecesDoNotHoldAreReportedWhenDecoded() throws {
        let (ds, _) = image(frames: 2)
        let data = try DICOMWriter().encode(ds)
        let cut = Pieces(data.prefix(data.count - 100), cuts: [500])
        // As a metadata-only read of a cut file: the header stays usable, the pixels report the shortfall.
        let header = try DICOMFile.parseHeader(of: cut, name: "cut part")
        XCTAssertEqual(header.pixelDataLocation?.length, 2 * 64 * 48 * 2 - 100)
        XCTAssertThrowsError(try header.decodeFrame(1)) { error in
            guard case .pixelDataTooShort(name: "cut part", _, _, _, _)? = error as? DICOMError else {
                return XCTFail("\(error)")
            }
        }
    }
}
