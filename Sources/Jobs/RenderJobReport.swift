import Volume

/// What a render job did, for front ends to print (`--json`) or return.
public struct RenderJobReport: Sendable, Encodable {
    /// One input volume: where it came from in its series, its grid, and how it loaded.
    public struct Volume: Sendable, Encodable {
        public var role: String
        public var series: String
        public var modality: String?
        public var stack: Int
        public var stacks: Int
        public var volume: Int
        public var volumes: Int
        public var volumeLabel: String
        public var distinguishedBy: String?
        public var dimensions: [Int]
        /// Column spacing, row spacing and the slice step along the slice normal, mm.
        public var spacingMM: [Double]
        public var voxelType: String
        public var units: String
        public var loadState: String
        /// What was irregular, one entry per kind.
        public var irregularities: [Irregularity]
        /// Set when the volume was over the texture-memory budget and drawn from a copy reduced in-plane by this
        /// factor (each factor × factor block of a slice averaged); absent when drawn at full resolution.
        public var reducedFidelity: Int?
    }

    /// One kind of irregularity, with the first and last image it concerns.
    public struct Irregularity: Sendable, Encodable {
        public var kind: String
        public var message: String
        public var firstImage: String?
        public var lastImage: String?

        public init(_ irregularity: SeriesIrregularity) {
            kind = irregularity.kind
            message = irregularity.description
            firstImage = irregularity.images?.first
            lastImage = irregularity.images?.last
        }
    }

    public struct Window: Sendable, Encodable {
        public var centre: Double
        public var width: Double
        public var source: String
    }

    /// One frame drawn: nil percent for the final frame; the slices of each volume it shows; whether absent
    /// slices were drawn from neighbours; where the front end put it.
    public struct FrameRecord: Sendable, Encodable {
        public var percent: Int?
        /// The frame's index in the cine loop.
        public var cineFrame: Int?
        public var seconds: Double
        public var slicesShown: [Int]
        public var standIns: Bool
        public var output: String?
    }

    public struct Timings: Sendable, Encodable {
        public var firstSliceSeconds: Double?
        public var firstFrameSeconds: Double?
        public var loadSeconds: Double
        public var finalRenderSeconds: Double
        public var totalSeconds: Double
    }

    public var inputs: [String]
    public var view: String
    public var volumes: [Volume]
    public var window: Window
    /// PET display units ("SUVbw" or stored units) and why SUV was not used, for PET/CT views.
    public var petUnits: String?
    public var petUnitsReason: String?
    /// Set when a PET and CT in different frames of reference were fused because that was allowed.
    public var differentFramesOfReference: String?
    public var frames: [FrameRecord]
    /// The outputs of `frames`, in order (for front ends that write files).
    public var framesWritten: [String] { frames.compactMap(\.output) }
    /// "complete" or the first volume state that was not.
    public var loadState: String
    public var timings: Timings
    public var renderer: String
    /// The segmentations drawn, with the segments shown.
    public var segmentations: [SegmentationSummary] = []

    private enum CodingKeys: String, CodingKey {
        case inputs, view, volumes, window, petUnits, petUnitsReason, differentFramesOfReference, frames, framesWritten, loadState, timings, renderer
        case segmentations
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(view, forKey: .view)
        try c.encode(volumes, forKey: .volumes)
        try c.encode(window, forKey: .window)
        try c.encodeIfPresent(petUnits, forKey: .petUnits)
        try c.encodeIfPresent(petUnitsReason, forKey: .petUnitsReason)
        try c.encodeIfPresent(differentFramesOfReference, forKey: .differentFramesOfReference)
        try c.encode(frames, forKey: .frames)
        try c.encode(framesWritten, forKey: .framesWritten)
        try c.encode(loadState, forKey: .loadState)
        try c.encode(timings, forKey: .timings)
        if !segmentations.isEmpty { try c.encode(segmentations, forKey: .segmentations) }
        try c.encode(renderer, forKey: .renderer)
    }
}
