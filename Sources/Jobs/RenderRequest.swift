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

    /// The picture: an MPR (or slab) plane, a rotating MIP, the three patient planes, a PET/CT fusion plane, or
    /// the 3×3 PET/CT layout with a PET MIP column.
    public enum View: Sendable, Equatable {
        case mpr(ViewPlane)
        case mip
        case triplanar
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
    /// MIP rotation about the patient's superior axis, degrees (0: seen from the front).
    public var angleDegrees: Double
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
    /// Segmentations drawn over every viewport (placed on the first volume: the CT of a PET/CT pair).
    public var segmentations: [SegmentationRequest] = []

    public init(
        inputs: Inputs, view: View, position: PlanePosition? = nil, focus: Vector3? = nil, slab: Slab? = nil, angleDegrees: Double = 0,
        width: Int = 512, height: Int = 512, sampling: Sampling = .linear, window: (window: VOIWindow, source: String)? = nil,
        petWindow: PETWindow = .suv0to6, colormap: Colormap? = nil, opacity: Double = 0.5, threshold: Double? = nil,
        orientationLetters: Bool = true, selection: VolumeSelection = .init(), allowDifferentFrames: Bool = false,
        progressivePercents: [Int] = [], order: RetrievalOrder = .interleaved, unloadedSlices: UnloadedSlices = .background
    ) {
        self.inputs = inputs
        self.view = view
        self.position = position
        self.focus = focus
        self.slab = slab
        self.angleDegrees = angleDegrees
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
    }

    /// Every `step` % up to 99: 25 → [25, 50, 75].
    public static func percents(every step: Int) -> [Int] {
        guard step > 0 else { return [] }
        return Array(stride(from: step, to: 100, by: step))
    }
}
