import DICOM
import Foundation
import Volume

/// Builds the data set of each phantom case image: the standard phantom's patient and SUV parameters, the
/// case study and series, and pixels sampled from the anatomy at the image's own plane.
struct PhantomCaseDataSets: Sendable {
    var study = PhantomStudy.standard

    /// The complete data set of `image`, pixels included.
    func dataSet(_ image: PhantomCaseImage, of series: PhantomCaseSeries) -> DataSet {
        var ds = common(image, series)
        switch image.kind {
        case .ct: addCT(image, imageType: ["ORIGINAL", "PRIMARY", "AXIAL"], to: &ds)
        case .localizer: addCT(image, imageType: ["ORIGINAL", "PRIMARY", "LOCALIZER"], to: &ds)
        case .doseScreen: addDoseScreen(to: &ds)
        case .pet(let frame): addPET(image, frame: frame, of: series, to: &ds)
        }
        return ds
    }

    /// Patient, study, series, instance and (when the image has one) plane attributes.
    private func common(_ image: PhantomCaseImage, _ series: PhantomCaseSeries) -> DataSet {
        var ds = DataSet()
        ds.set(.specificCharacterSet, .CS, "ISO_IR 192")
        ds.set(.sopInstanceUID, .UI, image.sopInstanceUID)
        study.setDatesAndTimes(in: &ds)
        ds.set(.modality, .CS, series.modality)
        ds.set(.manufacturer, .LO, "Lightbox phantom")
        ds.set(.studyDescription, .LO, "Phantom cases")
        ds.set(.seriesDescription, .LO, series.seriesDescription)
        ds.set(.patientName, .PN, "Phantom^PETCT")
        ds.set(.patientID, .LO, "LIGHTBOX-PHANTOM")
        ds.set(.patientWeight, .DS, study.patientWeightKg)
        ds.set(.patientPosition, .CS, "HFS")
        ds.set(.studyInstanceUID, .UI, PhantomCaseUID.study)
        ds.set(PhantomTag.studyID, .SH, "CASES")
        ds.set(.seriesInstanceUID, .UI, series.seriesInstanceUID)
        ds.set(.seriesNumber, .IS, series.seriesNumber)
        ds.set(.instanceNumber, .IS, image.instanceNumber)
        if let plane = image.plane {
            ds.set(.imagePositionPatient, .DS, [plane.position.x, plane.position.y, plane.position.z])
            let row = plane.rowDirection, column = plane.columnDirection
            ds.set(.imageOrientationPatient, .DS, [row.x, row.y, row.z, column.x, column.y, column.z])
            ds.set(.frameOfReferenceUID, .UI, PhantomCaseUID.frameOfReference)
            ds.set(.pixelSpacing, .DS, [plane.rowSpacing, plane.columnSpacing])
        }
        if let thickness = image.sliceThickness { ds.set(.sliceThickness, .DS, thickness) }
        if let tilt = image.gantryTilt { ds.set(PhantomTag.gantryDetectorTilt, .DS, tilt) }
        ds.set(.samplesPerPixel, .US, 1)
        ds.set(.photometricInterpretation, .CS, "MONOCHROME2")
        return ds
    }

    /// CT Image Storage with int16 HU pixels (intercept −1024) sampled at the image's plane.
    private func addCT(_ image: PhantomCaseImage, imageType: [String], to ds: inout DataSet) {
        guard let plane = image.plane else { preconditionFailure("a CT image needs a plane") }
        ds.set(.sopClassUID, .UI, PhantomWriter.UID.ctImageStorage)
        ds.set(.imageType, .CS, imageType)
        setPixelModule(rows: plane.rows, columns: plane.columns, bits: 16, signed: true, in: &ds)
        ds.set(.windowCenter, .DS, 40)
        ds.set(.windowWidth, .DS, 400)
        ds.set(.rescaleIntercept, .DS, PhantomStudy.ctIntercept)
        ds.set(.rescaleSlope, .DS, 1)
        ds.set(.rescaleType, .LO, "HU")
        let intercept = PhantomStudy.ctIntercept
        ds.setPixels(study.anatomy.sample(plane, background: Int16(-1000 - intercept)) { Int16($0.hounsfield - intercept) })
    }

    /// Secondary Capture of a dose report screen: 8-bit pixels (a frame and table lines), no plane at all.
    private func addDoseScreen(to ds: inout DataSet) {
        let rows = 192, columns = 256
        ds.set(.sopClassUID, .UI, PhantomCaseUID.secondaryCaptureStorage)
        ds.set(.imageType, .CS, ["DERIVED", "SECONDARY", "SCREEN SAVE"])
        ds.set(PhantomTag.conversionType, .CS, "WSD")
        setPixelModule(rows: rows, columns: columns, bits: 8, signed: false, in: &ds)
        var pixels = [UInt8](repeating: 16, count: rows * columns)
        for j in 0..<rows {
            for i in 0..<columns where i < 2 || i >= columns - 2 || j < 2 || j >= rows - 2 || (j % 24 == 0 && i % 2 == 0) {
                pixels[j * columns + i] = 255
            }
        }
        ds.setPixels(pixels)
    }

    /// PET Image Storage: Bq/ml of time frame `frame` as uint16 with a per-slice slope, and the frame's timing.
    ///
    /// In frame f of F the body background keeps SUV 1 while every other structure's uptake is f/F of the
    /// standard phantom's, so frames differ in stored pixels as well as in rescaled values.
    private func addPET(_ image: PhantomCaseImage, frame: Int, of series: PhantomCaseSeries, to ds: inout DataSet) {
        guard let plane = image.plane else { preconditionFailure("a PET image needs a plane") }
        let frames = PhantomCase.petFrames, slices = PhantomCaseGrid.petSlices
        ds.set(.sopClassUID, .UI, PhantomWriter.UID.petImageStorage)
        ds.set(.imageType, .CS, ["ORIGINAL", "PRIMARY"])
        setPixelModule(rows: plane.rows, columns: plane.columns, bits: 16, signed: false, in: &ds)
        let start = Double(frame - 1) * PhantomCase.petFrameSeconds
        ds.set(.acquisitionTime, .TM, Self.time(study.seriesTime, plus: start))
        ds.set(PhantomTag.actualFrameDuration, .IS, Int(PhantomCase.petFrameSeconds * 1000))
        ds.set(PhantomTag.frameReferenceTime, .DS, (start + PhantomCase.petFrameSeconds / 2) * 1000)
        ds.set(PhantomTag.seriesType, .CS, [series.temporalPositions > 1 ? "DYNAMIC" : "STATIC", "IMAGE"])
        ds.set(PhantomTag.numberOfSlices, .US, slices)
        ds.set(PhantomTag.numberOfTimeSlices, .US, series.temporalPositions)
        // Image Index = (time slice − 1) × slices + slice, the slice counted head first like the Instance Number.
        let slice = (image.instanceNumber - 1) % slices + 1
        ds.set(PhantomTag.imageIndex, .US, series.temporalPositions > 1 ? (frame - 1) * slices + slice : slice)
        if series.temporalPositions > 1 {
            ds.set(PhantomTag.temporalPositionIndex, .UL, frame)
            ds.set(PhantomTag.numberOfTemporalPositions, .IS, series.temporalPositions)
        }
        study.setPETCalibration(in: &ds)
        let perSUV = study.bqmlPerSUV, weight = Double(frame) / Double(frames)
        let activity = study.anatomy.sample(plane, background: 0.0) { structure in
            (structure.name == "body" ? structure.suv : structure.suv * weight) * perSUV
        }
        let (stored, slope) = PhantomStudy.quantizePET(activity)
        ds.set(.rescaleIntercept, .DS, 0)
        ds.set(.rescaleSlope, .DS, slope)
        ds.setPixels(stored)
    }

    private func setPixelModule(rows: Int, columns: Int, bits: Int, signed: Bool, in ds: inout DataSet) {
        ds.set(.rows, .US, rows)
        ds.set(.columns, .US, columns)
        ds.set(.bitsAllocated, .US, bits)
        ds.set(.bitsStored, .US, bits)
        ds.set(.highBit, .US, bits - 1)
        ds.set(.pixelRepresentation, .US, signed ? 1 : 0)
    }

    /// The `hhmmss…` `time` plus whole `seconds`, as hhmmss (no day roll-over: the phantom's times are mid-morning).
    static func time(_ time: String, plus seconds: Double) -> String {
        let field = { (start: Int) in Int(time.dropFirst(start).prefix(2)) ?? 0 }
        let total = field(0) * 3600 + field(2) * 60 + field(4) + Int(seconds)
        return String(format: "%02d%02d%02d", total / 3600, total / 60 % 60, total % 60)
    }
}
