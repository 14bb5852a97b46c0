/// The PET display range, in the units the PET is shown in (SUVbw when calibrated, else stored units):
/// `lower` maps to colormap entry 0, `upper` to entry 255, linearly, clamped outside.
///
/// Entry index = clamp(⌊(v − lower) / (upper − lower) × 255 + ½⌋, 0, 255), the same in `fusion.frag`.
public struct PETWindow: Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// SUV 0 … 6, the usual fusion range.
    public static let suv0to6 = PETWindow(lower: 0, upper: 6)

    /// The colormap entry for a display value.
    public func index(_ value: Double) -> Int {
        let t = (value - lower) / (upper - lower) * 255
        return Int(min(max((t + 0.5).rounded(.down), 0), 255))
    }

    /// The DICOM VOI window covering the same range in stored units (display = stored × `factor`),
    /// for grey renderings such as the PET MIP. DICOM windows are at least 1 wide, so a range of
    /// less than one stored unit is widened to 1.
    public func voiWindow(unitFactor factor: Double) -> VOIWindow {
        let lo = lower / factor, hi = upper / factor
        let width = max(1, hi - lo + 1)
        return VOIWindow(centre: lo + 0.5 + (width - 1) / 2, width: width)
    }
}
