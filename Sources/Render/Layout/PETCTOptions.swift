/// The display choices of the PET/CT layout (`Layout.petCT`).
public struct PETCTOptions: Sendable, Equatable {
    public var ctWindow: VOIWindow
    /// In the PET's display units; also the range of the PET row and of the MIP.
    public var petWindow: PETWindow
    /// The PET overlay of the fused row.
    public var fusionColormap: Colormap
    /// The PET row and the MIP.
    public var petColormap: Colormap
    public var opacity: Double
    /// nil: the PET window's lower end.
    public var threshold: Double?
    /// MIP rotation about the patient's Superior axis, radians (0: seen from the front).
    public var mipAngle: Double
    public var sampling: Sampling
    public var orientationLetters: Bool
    /// Fuse even when the CT's and the PET's frames of reference differ (`FusionView.allowDifferentFrames`).
    public var allowDifferentFrames: Bool

    public init(
        ctWindow: VOIWindow = .mediastinum, petWindow: PETWindow = .suv0to6, fusionColormap: Colormap = .hotIron,
        petColormap: Colormap = .invertedGrey, opacity: Double = 0.5, threshold: Double? = nil, mipAngle: Double = 0,
        sampling: Sampling = .linear, orientationLetters: Bool = true, allowDifferentFrames: Bool = false
    ) {
        self.ctWindow = ctWindow
        self.petWindow = petWindow
        self.fusionColormap = fusionColormap
        self.petColormap = petColormap
        self.opacity = opacity
        self.threshold = threshold
        self.mipAngle = mipAngle
        self.sampling = sampling
        self.orientationLetters = orientationLetters
        self.allowDifferentFrames = allowDifferentFrames
    }
}
