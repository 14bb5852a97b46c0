import Volume

/// The units a PET volume is displayed in: SUVbw when the headers allow it, else the stored units
/// (and why SUV is not available). Display value = rescaled voxel value × `factor`.
public enum PETUnits: Sendable, Equatable {
    /// Body-weight SUV; `bqmlToSUV` multiplies the stored Bq/ml.
    case suvbw(bqmlToSUV: Double)
    /// The rescaled values as stored (e.g. "Bq/ml"), with the reason SUV could not be used.
    case stored(unit: String, reason: String)

    /// SUVbw from a calibration, or stored `unit` with the calibration's failure as the reason.
    public init(_ calibration: Result<SUVCalibration, SUVCalibration.Unavailable>, storedUnit: String = "Bq/ml") {
        switch calibration {
        case .success(let c): self = .suvbw(bqmlToSUV: c.bqmlToSUV)
        case .failure(let why): self = .stored(unit: storedUnit, reason: why.description)
        }
    }

    /// Multiplies a rescaled voxel value to give the display value.
    public var factor: Double {
        if case .suvbw(let f) = self { return f }
        return 1
    }

    /// "SUVbw" or the stored unit.
    public var name: String {
        switch self {
        case .suvbw: return "SUVbw"
        case .stored(let unit, _): return unit
        }
    }

    /// Why the PET is not in SUVbw, or nil when it is.
    public var reason: String? {
        if case .stored(_, let reason) = self { return reason }
        return nil
    }
}
