import DICOM
import Foundation
import XCTest
import Volume

/// A file's frame decoded into output values with what a picture of it needs (the CPU thumbnail's input).
final class RescaledImageTests: XCTestCase {
    /// An image data set of `rows`×`columns` pixels with the given pixel attributes.
    private func image(rows: Int, columns: Int, samples: Int = 1, photometric: String = "MONOCHROME2",
                       bitsStored: Int = 16, signed: Bool = false) -> DataSet {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, "1.2.840.10008.5.1.4.1.1.7")
        ds.set(.sopInstanceUID, .UI, "2.25.4242")
        ds.set(.samplesPerPixel, .US, samples)
        ds.set(.photometricInterpretation, .CS, photometric)
        if samples > 1 { ds.set(.planarConfiguration, .US, 0) }
        ds.set(.rows, .US, rows)
        ds.set(.columns, .US, columns)
        ds.set(.bitsAllocated, .US, 16)
        ds.set(.bitsStored, .US, bitsStored)
        ds.set(.highBit, .US, bitsStored - 1)
        ds.set(.pixelRepresentation, .US, signed ? 1 : 0)
        return ds
    }

    private func file(_ ds: DataSet) throws -> DICOMFile {
        try DICOMFile.parse(try DICOMWriter().encode(ds), name: "image.dcm")
    }

    func testGreyFrameIsRescaledWithItsSpacingWindowAndPhotometricSense() throws {
        var ds = image(rows: 2, columns: 3, photometric: "MONOCHROME1", signed: true)
        ds.set(.modality, .CS, "CR")
        ds.set(.rescaleSlope, .DS, "2")
        ds.set(.rescaleIntercept, .DS, "-10")
        ds.set(.pixelSpacing, .DS, ["0.5", "0.25"])
        ds.set(.windowCenter, .DS, ["40", "400"])
        ds.set(.windowWidth, .DS, ["80", "2000"])
        ds.setPixels([Int16(-3), 0, 1, 2, 5, 100])
        let picture = try RescaledImage(frame: 0, of: try file(ds))
        XCTAssertEqual([picture.rows, picture.columns, picture.samplesPerPixel], [2, 3, 1])
        XCTAssertEqual(picture.values, [-16, -10, -8, -6, 0, 190])
        XCTAssertEqual(picture.rowSpacing, 0.5)
        XCTAssertEqual(picture.columnSpacing, 0.25)
        XCTAssertTrue(picture.invertsGrey)
        XCTAssertEqual(picture.fileWindow, FileWindow(centre: 40, width: 80), "the first window")
        XCTAssertEqual(picture.modality, "CR")
        XCTAssertEqual(picture.valueRange?.min, -16)
        XCTAssertEqual(picture.valueRange?.max, 190)
    }

    func testColourSamplesStayAsStoredAndBadSpacingCountsAsOneMillimetre() throws {
        var ds = image(rows: 1, columns: 2, samples: 3, photometric: "RGB", bitsStored: 12)
        ds.set(.rescaleSlope, .DS, "2")
        ds.set(.pixelSpacing, .DS, ["0", "0.5"])
        ds.setPixels([UInt16(1), 2, 3, 4095, 0, 7])
        let picture = try RescaledImage(frame: 0, of: try file(ds))
        XCTAssertEqual(picture.samplesPerPixel, 3)
        XCTAssertEqual(picture.values, [1, 2, 3, 4095, 0, 7], "no modality rescale on colour")
        XCTAssertEqual(picture.maxStoredValue, 4095)
        XCTAssertEqual([picture.rowSpacing, picture.columnSpacing], [1, 1])
        XCTAssertFalse(picture.invertsGrey)
        XCTAssertNil(picture.fileWindow)
    }

    func testAHeaderClaimingMorePixelsThanTheFileHoldsIsRefused() throws {
        var ds = image(rows: 4, columns: 4)
        ds.setPixels([UInt16](repeating: 1, count: 4))
        XCTAssertThrowsError(try RescaledImage(frame: 0, of: try file(ds))) { error in
            XCTAssertTrue(error is DICOMError, "\(error)")
        }
    }
}
