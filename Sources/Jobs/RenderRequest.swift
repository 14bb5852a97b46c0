import Loading
import Render
import Volume

/// What a render job draws: its inputs, the view, and how frames are taken while the volumes stream.
public struct RenderRequest: Sendable {
    /// One series, or a CT and a PET.
    public enum Inputs: Sendable {
        case series(SeriesInput, seriesUID: String?)
        case petCT(ct: SeriesInput, pet: SeriesInput)
    }

    /// The picture: an MPR (or slab) plane, a rotating MIP, a rotating volume rendering, the three patient planes, the
    /// three planes and a volume rendering (2×2), a PET/CT fusion plane, or the 3×3 PET/CT layout with a PET MIP column.
    public enum View: Sendable, Equatable {
        case mpr(ViewPlane)
        case mip
        case volume
        case triplanar
        case mprAndVolume
        case fusion(ViewPlane)
        case petCTLayout

        /// True for the views of a CT and a PET.
        public var needsPETCT: Bool {
            switch self {
            case .fusion, .petCTLayout: return true
            default: return false
            }
        }
    }

    public var inputs: Inputs
    public var view: View
    public var position: PlanePosition?
    /// The point the planes of a layout (triplanar, PET/CT) pass through; nil: the volume centre.
    public var focus: Vector3?
    public var slab: Slab?
    /// MIP and volume rendering rotation about the patient's superior axis, degrees (0: seen from the front).
    public var angleDegrees: Double
    /// Volume rendering elevation, degrees (positive: seen from above).
    public var elevationDegrees: Double
    /// The volume rendering's preset; nil: `VolumePresets.defaultPreset(forModality:)`.
    public var volumePreset: VolumePreset?
    /// The volume rendering's sample step, mm; nil: half the smallest voxel spacing.
    public var sampleStep: Double?
    /// The volume rendering's crop box: x, y, z lower and upper bounds (`CropBox.resolve`); nil: none.
    public var crop: [CropBox.Bound]?
    public var width: Int
    public var height: Int
    public var sampling: Sampling
    /// The window, when the request fixes it (with a name for reports); else `WindowPolicy` decides.
    public var window: (window: VOIWindow, source: String)?
    public var petWindow: PETWindow
    public var colormap: Colormap?
    public var opacity: Double
    public var threshold: Double?
    public var orientationLetters: Bool
    /// Which volume of the series (for a PET/CT pair: of the PET), and whether irregular series are refused.
    public var selection: VolumeSelection
    public var allowDifferentFrames: Bool
    /// Percentages (1…99) at which a frame is also drawn while streaming: the N % frame shows exactly the first
    /// ⌈N % × slices⌉ slices of each volume's retrieval order, so it is the same on every run.
    public var progressivePercents: [Int]
    public var order: RetrievalOrder
    /// What absent slices show in progressive frames.
    public var unloadedSlices: UnloadedSlices
    /// When set, the final frame is this loop of frames turning 360° from `angleDegrees` (rotating views only).
    public var cine: CineLoop?
    /// Segmentations drawn over every viewport (placed on the first volume: the CT of a PET/CT pair).
    public var segmentations: [SegmentationRequest] = []

    public init(
        inputs: Inputs, view: View, position: PlanePosition? = nil, focus: Vector3? = nil, slab: Slab? = nil, angleDegrees: Double = 0,
        elevationDegrees: Double = 0, volumePreset: VolumePreset? = nil, sampleStep: Double? = nil, crop: [CropBox.Bound]? = nil,
        width: Int = 512, height: Int = 512, sampling: Sampling = .linear, window: (window: VOIWindow, source: String)? = nil,
        petWindow: PETWindow = .suv0to6, colormap: Colormap? = nil, opacity: Double = 0.5, threshold: Double? = nil,
        orientationLetters: Bool = true, selection: VolumeSelection = .init(), allowDifferentFrames: Bool = false,
        progressivePercents: [Int] = [], order: RetrievalOrder = .interleaved, unloadedSlices: UnloadedSlices = .background,
        cine: CineLoop? = nil
    ) {
        self.inputs = inputs
        self.view = view
        self.position = position
        self.focus = focus
        self.slab = slab
        self.angleDegrees = angleDegrees
        self.elevationDegrees = elevationDegrees
        self.volumePreset = volumePreset
        self.sampleStep = sampleStep
        self.crop = crop
        self.width = width
        self.height = height
        self.sampling = sampling
        self.window = window
        self.petWindow = petWindow
        self.colormap = colormap
        self.opacity = opacity
        self.threshold = threshold
        self.orientationLetters = orientationLetters
        self.selection = selection
        self.allowDifferentFrames = allowDifferentFrames
        self.progressivePercents = progressivePercents
        self.order = order
        self.unloadedSlices = unloadedSlices
        self.cine = cine
    }

    /// Every `step` % up to 99: 25 → [25, 50, 75].
    public static func percents(every step: Int) -> [Int] {
        guard step > 0 else { return [] }
        return Array(stride(from: step, to: 100, by: step))
    }
}
