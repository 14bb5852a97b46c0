import Volume

/// The query parameters of the Rendered MPR and Rendered 3D Volume resources (PS3.18 §8.3.5.3).
public struct RenderedVolumeParameters: Sendable, Equatable {
    /// `renderingmethod` (§8.3.5.3.3); nil: average_ip for a slab MPR, volume_rendered for 3D.
    public var method: RenderingMethod?
    /// `orientation` or the three `viewpoint…` parameters (§8.3.5.3.4–7); nil: the server's default (anterior).
    public var camera: RenderedCamera?
    /// `mprslab`, mm (§8.3.5.3.8): a positive slab thickness; nil: a thin MPR.
    public var slabThickness: Double?
    /// `swivelrange`, degrees (§8.3.5.3.9): a multi-frame response turning about the up axis through the look-at point.
    public var swivelRange: Double?
    /// `animationstepsize`, degrees between swivel frames (§8.3.5.3.11), a positive integer.
    public var animationStepSize: Int?
    /// `animationrate`, frames per second (§8.3.5.3.12): recorded in the metadata; images are returned as frames.
    public var animationRate: Double?
    /// `renderedvolumetricmetadata=yes` (§8.3.5.3.13): answer with the Annex K module (DICOM JSON), not images.
    public var metadataOnly: Bool

    public init(
        method: RenderingMethod? = nil, camera: RenderedCamera? = nil, slabThickness: Double? = nil, swivelRange: Double? = nil,
        animationStepSize: Int? = nil, animationRate: Double? = nil, metadataOnly: Bool = false
    ) {
        self.method = method
        self.camera = camera
        self.slabThickness = slabThickness
        self.swivelRange = swivelRange
        self.animationStepSize = animationStepSize
        self.animationRate = animationRate
        self.metadataOnly = metadataOnly
    }

    /// The thickest slab accepted, mm (2 m covers any patient).
    public static let maximumSlabThickness = 2000.0
    /// The swivel step when `animationstepsize` is not given, degrees.
    public static let defaultSwivelStep = 10
    /// The most frames one swivel may hold.
    public static let maximumSwivelFrames = 360
    /// The largest coordinate accepted in a viewpoint, mm.
    public static let maximumCoordinate = 1.0e6
}

/// `renderingmethod` values (PS3.18 §8.3.5.3.3; Rendering Method (0070,120D) in capitals).
public enum RenderingMethod: String, Sendable, Equatable, CaseIterable {
    case volumeRendered = "volume_rendered"
    case maximumIP = "maximum_ip"
    case minimumIP = "minimum_ip"
    case averageIP = "average_ip"

    /// The Rendering Method (0070,120D) code string.
    public var codeString: String { rawValue.uppercased() }
}

/// Where the camera is: an anatomic orientation (`orientation`, §8.3.5.3.4) or a viewpoint (§8.3.5.3.5–7), in
/// patient space (LPS mm, the frame of reference of the series).
public enum RenderedCamera: Sendable, Equatable {
    case orientation(AnatomicView)
    case viewpoint(position: Vector3, lookAt: Vector3, up: Vector3)

    /// `orientation` values: the side of the patient the camera looks at.
    public enum AnatomicView: String, Sendable, Equatable, CaseIterable {
        case anterior = "a", posterior = "p", right = "r", left = "l", head = "h", feet = "f"

        /// The unit direction from the patient towards the camera (LPS).
        public var towardsCamera: Vector3 {
            switch self {
            case .anterior: return Vector3(0, -1, 0)
            case .posterior: return Vector3(0, 1, 0)
            case .right: return Vector3(-1, 0, 0)
            case .left: return Vector3(1, 0, 0)
            case .head: return Vector3(0, 0, 1)
            case .feet: return Vector3(0, 0, -1)
            }
        }

        /// Screen up as the standard gives it: superior, or anterior when looking from the head or the feet.
        public var up: Vector3 {
            switch self {
            case .head, .feet: return Vector3(0, -1, 0)
            default: return Vector3(0, 0, 1)
            }
        }
    }
}
