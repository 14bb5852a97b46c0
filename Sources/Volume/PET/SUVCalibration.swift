import DICOM
import Foundation

/// Converts PET activity concentration (Bq/ml) to body-weight SUV from the PET header's tags.
///
/// SUVbw = activity × weight (g) / (injected dose × 2^(−Δt / half-life)), with Δt from the
/// radiopharmaceutical start time to the series time (decay correction START, the usual case).
public struct SUVCalibration: Sendable, Equatable {
    public var patientWeightKg: Double
    public var injectedDoseBq: Double
    public var halfLifeSeconds: Double
    /// Seconds from injection to the series start.
    public var uptakeSeconds: Double

    public init(patientWeightKg: Double, injectedDoseBq: Double, halfLifeSeconds: Double, uptakeSeconds: Double) {
        self.patientWeightKg = patientWeightKg
        self.injectedDoseBq = injectedDoseBq
        self.halfLifeSeconds = halfLifeSeconds
        self.uptakeSeconds = uptakeSeconds
    }

    /// The factor that turns Bq/ml into SUVbw (g/ml).
    public var bqmlToSUV: Double {
        patientWeightKg * 1000 / (injectedDoseBq * pow2(-uptakeSeconds / halfLifeSeconds))
    }

    private func pow2(_ x: Double) -> Double { exp2(x) }

    /// Why a PET series cannot be shown in SUV, when it cannot.
    public enum Unavailable: Error, Sendable, Equatable, CustomStringConvertible {
        case notPET(modality: String?)
        case units(String?)
        case notDecayCorrected(String?)
        case missing(String)
        case invalid(String)

        public var description: String {
            switch self {
            case .notPET(let m): return "modality \(m ?? "(none)") is not PT"
            case .units(let u): return "Units is \(u ?? "absent"), SUVbw needs BQML"
            case .notDecayCorrected(let d): return "DecayCorrection is \(d ?? "absent"), SUVbw here needs START"
            case .missing(let what): return "\(what) is missing"
            case .invalid(let what): return "\(what) is not valid"
            }
        }
    }

    /// Reads the SUV tags of a PET image, or says which one is missing.
    public static func from(_ ds: DataSet) -> Result<SUVCalibration, Unavailable> {
        guard ds.string(.modality) == "PT" else { return .failure(.notPET(modality: ds.string(.modality))) }
        guard ds.string(.units) == "BQML" else { return .failure(.units(ds.string(.units))) }
        let decay = ds.string(.decayCorrection)
        guard decay == "START" else { return .failure(.notDecayCorrected(decay)) }
        guard let weight = ds.double(.patientWeight), weight > 0 else { return .failure(.missing("PatientWeight (0010,1030)")) }
        guard let drug = ds.sequence(.radiopharmaceuticalInformationSequence)?.first else {
            return .failure(.missing("RadiopharmaceuticalInformationSequence (0054,0016)"))
        }
        guard let dose = drug.double(.radionuclideTotalDose), dose > 0 else { return .failure(.missing("RadionuclideTotalDose (0018,1074)")) }
        guard let halfLife = drug.double(.radionuclideHalfLife), halfLife > 0 else { return .failure(.missing("RadionuclideHalfLife (0018,1075)")) }
        let startText = drug.string(.radiopharmaceuticalStartDateTime).map { String($0.dropFirst(8)) } ?? drug.string(.radiopharmaceuticalStartTime)
        guard let startText, let start = secondsOfDay(startText) else { return .failure(.missing("RadiopharmaceuticalStartTime (0018,1072)")) }
        guard let seriesText = ds.string(.seriesTime) ?? ds.string(.acquisitionTime), let series = secondsOfDay(seriesText) else {
            return .failure(.missing("SeriesTime (0008,0031)"))
        }
        var uptake = series - start
        if uptake < 0 { uptake += 86_400 }  // injected before midnight, scanned after
        return .success(SUVCalibration(patientWeightKg: weight, injectedDoseBq: dose, halfLifeSeconds: halfLife, uptakeSeconds: uptake))
    }

    /// Seconds since midnight of a DICOM TM value (HHMMSS.FFFFFF, also the older HH:MM:SS form), or nil.
    static func secondsOfDay(_ text: String) -> Double? {
        let digits = text.replacingOccurrences(of: ":", with: "")
        let parts = digits.split(separator: ".", maxSplits: 1)
        guard let whole = parts.first, whole.count >= 2, whole.count <= 6, whole.allSatisfy(\.isNumber) else { return nil }
        let padded = whole + String(repeating: "0", count: 6 - whole.count)
        let chars = Array(padded)
        guard let h = Int(String(chars[0...1])), let m = Int(String(chars[2...3])), let s = Int(String(chars[4...5])),
              h < 24, m < 60, s < 61 else { return nil }
        let fraction = parts.count > 1 ? Double("0." + parts[1]) ?? 0 : 0
        return Double(h * 3600 + m * 60 + s) + fraction
    }
}
