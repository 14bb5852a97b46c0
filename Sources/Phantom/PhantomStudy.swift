import DICOM
import Foundation
import Volume

/// The grid of one phantom series: axial slices (IOP 1\0\0\0\1\0), patient position HFS.
public struct PhantomGrid: Sendable {
    public var columns: Int
    public var rows: Int
    public var slices: Int
    /// In-plane pixel spacing, mm (square pixels).
    public var pixelSpacing: Double
    /// Distance between slice centres, mm.
    public var sliceStep: Double
    /// z of the first (most inferior) slice, mm.
    public var firstSliceZ: Double

    public init(columns: Int, rows: Int, slices: Int, pixelSpacing: Double, sliceStep: Double, firstSliceZ: Double) {
        self.columns = columns
        self.rows = rows
        self.slices = slices
        self.pixelSpacing = pixelSpacing
        self.sliceStep = sliceStep
        self.firstSliceZ = firstSliceZ
    }

    /// The plane of slice `k`, centred on the patient's z axis.
    public func plane(_ k: Int) -> ImagePlane {
        let x0 = -Double(columns - 1) / 2 * pixelSpacing
        let y0 = -Double(rows - 1) / 2 * pixelSpacing
        return ImagePlane(
            position: Vector3(x0, y0, firstSliceZ + Double(k) * sliceStep),
            rowDirection: Vector3(1, 0, 0), columnDirection: Vector3(0, 1, 0),
            rowSpacing: pixelSpacing, columnSpacing: pixelSpacing, rows: rows, columns: columns)
    }
}

/// A deterministic synthetic PET/CT study: a CT and a PET of the same patient on different grids.
public struct PhantomStudy: Sendable {
    public var ct: PhantomGrid
    public var pet: PhantomGrid
    public var anatomy = PhantomAnatomy.standard
    /// SUV body-weight parameters written into the PET headers.
    public var patientWeightKg = 75.0
    public var injectedDoseBq = 370e6
    public var halfLifeSeconds = 6586.2
    /// Injection at 09:00:00, PET series at 10:00:00 on the study date.
    public var injectionTime = "090000.000000"
    public var seriesTime = "100000.000000"
    public var studyDate = "20260101"
    /// Seconds between injection and the PET series start.
    public var uptakeSeconds = 3600.0
    /// Peak amplitude (HU) of a deterministic texture added to CT voxels inside the body, so that
    /// benchmarks see realistic, non-uniform tissue; 0 (the default) keeps every structure uniform.
    public var ctNoiseHU = 0.0
    /// When set, the voxels show this synthetic patient (textured CT with noise, PSF-blurred PET with noise) instead
    /// of `anatomy`, whose uniform structures the exact-value tests rely on.
    public var patient: PatientAnatomy?

    /// The default study: CT 256×256×120 at 1.5 mm pixels and 2 mm steps,
    /// PET 128×128×60 at 4 mm pixels and 3.27 mm steps.
    public static let standard = PhantomStudy(
        ct: PhantomGrid(columns: 256, rows: 256, slices: 120, pixelSpacing: 1.5, sliceStep: 2, firstSliceZ: -119),
        pet: PhantomGrid(columns: 128, rows: 128, slices: 60, pixelSpacing: 4, sliceStep: 3.27, firstSliceZ: -100))

    /// The whole-body study the demo shows (`patient` set): vertex to mid-thigh,
    /// CT 256×256×316 at 2 mm pixels and 3 mm steps, PET 128×128×237 at 4 mm pixels and 4 mm steps.
    public static let wholeBody: PhantomStudy = {
        var study = PhantomStudy(
            ct: PhantomGrid(columns: 256, rows: 256, slices: 316, pixelSpacing: 2, sliceStep: 3, firstSliceZ: -279),
            pet: PhantomGrid(columns: 128, rows: 128, slices: 237, pixelSpacing: 4, sliceStep: 4, firstSliceZ: -278))
        study.patient = .standard
        return study
    }()

    public init(ct: PhantomGrid, pet: PhantomGrid) {
        self.ct = ct
        self.pet = pet
    }

    /// Activity concentration (Bq/ml) per unit of SUVbw at the PET series time.
    public var bqmlPerSUV: Double {
        injectedDoseBq * pow(2, -uptakeSeconds / halfLifeSeconds) / (patientWeightKg * 1000)
    }

    /// CT RescaleIntercept; RescaleSlope is 1.
    public static let ctIntercept = -1024.0

    /// The stored CT values of slice `k` (HU − intercept, row-major).
    public func ctSlice(_ k: Int) -> [Int16] {
        if let patient {
            // Stored values span HU −1024…3071, the 12 bits CT scanners write.
            return patient.ctHounsfield(ct.plane(k), slice: k).map { Int16(min(4095, max(0, ($0 - Self.ctIntercept).rounded()))) }
        }
        let air = Int16(-1000 - Self.ctIntercept)
        var out: [Int16] = []
        anatomy.paintAxial(ct.plane(k), background: air, into: &out) {
            Int16($0.hounsfield - Self.ctIntercept)
        }
        if ctNoiseHU > 0 {
            let amplitude = Int(ctNoiseHU)
            for n in out.indices where out[n] != air {
                // A fixed hash of the voxel index (splitmix-style), so every run writes the same values.
                var h = UInt64(truncatingIfNeeded: n &+ k &* 1_000_003) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
                out[n] = out[n] &+ Int16(Int(h % UInt64(2 * amplitude + 1)) - amplitude)
            }
        }
        return out
    }

    /// The PET activity (Bq/ml) of slice `k` stored as UInt16 with the slice's own RescaleSlope.
    public func petSlice(_ k: Int) -> (stored: [UInt16], slope: Double) {
        var activity: [Double] = []
        let perSUV = bqmlPerSUV
        if let patient { return Self.quantizePET(patient.petSUV(pet.plane(k), slice: k).map { $0 * perSUV }) }
        anatomy.paintAxial(pet.plane(k), background: 0, into: &activity) { $0.suv * perSUV }
        return Self.quantizePET(activity)
    }

    /// PET activity (Bq/ml) as UInt16 with a per-slice slope mapping the slice's peak to 65535, as scanners
    /// commonly write PET. The slope is rounded to 8 significant digits so the DS text written equals the slope used.
    static func quantizePET(_ activity: [Double]) -> (stored: [UInt16], slope: Double) {
        let peak = activity.max() ?? 0
        let slope = peak > 0 ? Double(String(format: "%.8g", peak / 65535)) ?? 1 : 1
        return (activity.map { UInt16(min(65535, ($0 / slope).rounded())) }, slope)
    }
}

extension PhantomStudy {
    /// Study, series and acquisition dates and times of this study (the acquisition starts with the series).
    func setDatesAndTimes(in ds: inout DataSet) {
        ds.set(.studyDate, .DA, studyDate)
        ds.set(.seriesDate, .DA, studyDate)
        ds.set(.acquisitionDate, .DA, studyDate)
        ds.set(.studyTime, .TM, "094500")
        ds.set(.seriesTime, .TM, seriesTime)
        ds.set(.acquisitionTime, .TM, seriesTime)
    }

    /// The PET attributes SUV needs: units Bq/ml, decay and attenuation corrected, and the radiopharmaceutical
    /// (injection time, dose, half-life) of this study.
    func setPETCalibration(in ds: inout DataSet) {
        ds.set(.units, .CS, "BQML")
        ds.set(.decayCorrection, .CS, "START")
        ds.set(.correctedImage, .CS, ["ATTN", "DECY"])
        var drug = DataSet()
        drug.set(.radiopharmaceuticalStartTime, .TM, injectionTime)
        drug.set(.radiopharmaceuticalStartDateTime, .DT, studyDate + injectionTime)
        drug.set(.radionuclideTotalDose, .DS, injectedDoseBq)
        drug.set(.radionuclideHalfLife, .DS, halfLifeSeconds)
        ds.set(.radiopharmaceuticalInformationSequence, items: [drug])
    }
}
