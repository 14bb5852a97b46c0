import Raster
import Volume

/// What a fusion frame shows, for captions and logs: the PET's units (and why not SUV) and the ranges used.
public struct FusionReport: Sendable, Equatable {
    /// "SUVbw" or the stored unit, e.g. "Bq/ml".
    public var petUnits: String
    /// Why the PET is not in SUVbw; nil when it is.
    public var reason: String?
    /// Rescaled PET value × this = display value.
    public var factor: Double
    public var petWindow: PETWindow
    public var threshold: Double
    public var layers: FusionView.Layers
    /// Slices of each volume in the load snapshot the frame was drawn from.
    public var ctSlicesLoaded: Int
    public var petSlicesLoaded: Int

    public init(
        petUnits: String, reason: String?, factor: Double, petWindow: PETWindow, threshold: Double,
        layers: FusionView.Layers, ctSlicesLoaded: Int, petSlicesLoaded: Int
    ) {
        self.petUnits = petUnits
        self.reason = reason
        self.factor = factor
        self.petWindow = petWindow
        self.threshold = threshold
        self.layers = layers
        self.ctSlicesLoaded = ctSlicesLoaded
        self.petSlicesLoaded = petSlicesLoaded
    }
}

/// A rendered fusion frame and its report.
public struct FusionFrame: Sendable {
    public var frame: Frame
    public var report: FusionReport

    public init(frame: Frame, report: FusionReport) {
        self.frame = frame
        self.report = report
    }
}

extension FusionReport {
    /// The report of `view` drawn from the snapshots `ct` and `pet`.
    init(_ view: FusionView, ct: LoadSnapshot, pet: LoadSnapshot) {
        self.init(
            petUnits: view.units.name, reason: view.units.reason, factor: view.units.factor, petWindow: view.petWindow,
            threshold: view.threshold, layers: view.layers, ctSlicesLoaded: ct.loadedCount, petSlicesLoaded: pet.loadedCount)
    }
}
