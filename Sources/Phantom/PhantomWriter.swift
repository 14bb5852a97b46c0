import DICOM
import Foundation
import Volume

/// Writes a `PhantomStudy` as real DICOM Part 10 files (Explicit VR Little Endian):
/// `CT/CT_0001.dcm …` and `PET/PET_0001.dcm …`, byte-identical from run to run.
public struct PhantomWriter: Sendable {
    public var study: PhantomStudy

    public init(study: PhantomStudy = .standard) {
        self.study = study
    }

    /// Fixed UIDs under the UUID-derived root 2.25 so every run writes the same files.
    enum UID {
        static let root = "2.25.290136951283746505823178450198221460917"
        static let study = root + ".1"
        static let frameOfReference = root + ".2"
        static let ctSeries = root + ".3"
        static let petSeries = root + ".4"
        static let ctImageStorage = "1.2.840.10008.5.1.4.1.1.2"
        static let petImageStorage = "1.2.840.10008.5.1.4.1.1.128"
    }

    /// What was written.
    public struct Output: Sendable {
        public var ctFolder: URL
        public var petFolder: URL
        public var ctFiles: [URL]
        public var petFiles: [URL]
    }

    /// Writes both series below `folder` (created if missing), slices in parallel.
    @discardableResult
    public func write(to folder: URL) throws -> Output {
        let ctFolder = folder.appendingPathComponent("CT"), petFolder = folder.appendingPathComponent("PET")
        for dir in [ctFolder, petFolder] { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        let ctFiles = (0..<study.ct.slices).map { ctFolder.appendingPathComponent(String(format: "CT_%04d.dcm", $0 + 1)) }
        let petFiles = (0..<study.pet.slices).map { petFolder.appendingPathComponent(String(format: "PET_%04d.dcm", $0 + 1)) }
        let jobs: [(url: URL, make: @Sendable () -> DataSet)] =
            ctFiles.enumerated().map { k, url in (url, { self.ctDataSet(k) }) }
            + petFiles.enumerated().map { k, url in (url, { self.petDataSet(k) }) }
        let errors = ErrorBox<any Error>()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { n in
            do { try DICOMWriter().write(jobs[n].make(), to: jobs[n].url) } catch { errors.record(error) }
        }
        if let error = errors.first { throw error }
        return Output(ctFolder: ctFolder, petFolder: petFolder, ctFiles: ctFiles, petFiles: petFiles)
    }

    /// Patient, study and frame-of-reference attributes shared by both series.
    func common(grid: PhantomGrid, k: Int, seriesUID: String, sopClass: String, modality: String, seriesNumber: Int) -> DataSet {
        var ds = DataSet()
        ds.set(.specificCharacterSet, .CS, "ISO_IR 192")
        ds.set(.sopClassUID, .UI, sopClass)
        ds.set(.sopInstanceUID, .UI, "\(seriesUID).\(k + 1)")
        study.setDatesAndTimes(in: &ds)
        ds.set(.modality, .CS, modality)
        ds.set(.manufacturer, .LO, "Lightbox phantom")
        ds.set(.studyDescription, .LO, "PET/CT phantom")
        ds.set(.seriesDescription, .LO, modality == "CT" ? "CT phantom 2 mm" : "PET phantom SUV")
        ds.set(.patientName, .PN, "Phantom^PETCT")
        ds.set(.patientID, .LO, "LIGHTBOX-PHANTOM")
        ds.set(.patientWeight, .DS, study.patientWeightKg)
        ds.set(.patientPosition, .CS, "HFS")
        ds.set(.studyInstanceUID, .UI, UID.study)
        ds.set(.seriesInstanceUID, .UI, seriesUID)
        ds.set(.seriesNumber, .IS, seriesNumber)
        // Instance numbers run from the head down, so sorting by them would reverse z.
        ds.set(.instanceNumber, .IS, grid.slices - k)
        let plane = grid.plane(k)
        ds.set(.imagePositionPatient, .DS, [plane.position.x, plane.position.y, plane.position.z])
        ds.set(.imageOrientationPatient, .DS, [1.0, 0, 0, 0, 1, 0])
        ds.set(.frameOfReferenceUID, .UI, UID.frameOfReference)
        ds.set(.sliceThickness, .DS, grid.sliceStep)
        ds.set(.samplesPerPixel, .US, 1)
        ds.set(.photometricInterpretation, .CS, "MONOCHROME2")
        ds.set(.rows, .US, grid.rows)
        ds.set(.columns, .US, grid.columns)
        ds.set(.pixelSpacing, .DS, [grid.pixelSpacing, grid.pixelSpacing])
        ds.set(.bitsAllocated, .US, 16)
        ds.set(.bitsStored, .US, 16)
        ds.set(.highBit, .US, 15)
        return ds
    }

    func ctDataSet(_ k: Int) -> DataSet {
        var ds = common(grid: study.ct, k: k, seriesUID: UID.ctSeries, sopClass: UID.ctImageStorage, modality: "CT", seriesNumber: 2)
        ds.set(.pixelRepresentation, .US, 1)
        ds.set(.windowCenter, .DS, 40)
        ds.set(.windowWidth, .DS, 400)
        ds.set(.rescaleIntercept, .DS, PhantomStudy.ctIntercept)
        ds.set(.rescaleSlope, .DS, 1)
        ds.set(.rescaleType, .LO, "HU")
        ds.setPixels(study.ctSlice(k))
        return ds
    }

    func petDataSet(_ k: Int) -> DataSet {
        var ds = common(grid: study.pet, k: k, seriesUID: UID.petSeries, sopClass: UID.petImageStorage, modality: "PT", seriesNumber: 3)
        ds.set(.pixelRepresentation, .US, 0)
        study.setPETCalibration(in: &ds)
        let (stored, slope) = study.petSlice(k)
        ds.set(.rescaleIntercept, .DS, 0)
        ds.set(.rescaleSlope, .DS, slope)
        ds.setPixels(stored)
        return ds
    }
}
