/// The modality rescale (stored value × slope + intercept); recorded, never applied to decoded pixels.
public struct Rescale: Sendable, Equatable {
    public var slope: Double
    public var intercept: Double
    /// Rescale Type (0028,1054), e.g. "HU", when present.
    public var type: String?

    /// Creates a rescale.
    public init(slope: Double = 1, intercept: Double = 0, type: String? = nil) {
        self.slope = slope
        self.intercept = intercept
        self.type = type
    }

    /// The rescale of a data set: top-level attributes, else the Pixel Value Transformation in the shared
    /// functional groups, else identity.
    public init(dataSet ds: DataSet) {
        let source = ds.contains(.rescaleSlope) || ds.contains(.rescaleIntercept) ? ds
            : ds.sequence(.sharedFunctionalGroupsSequence)?.first?.sequence(.pixelValueTransformationSequence)?.first
        self.init(item: source ?? DataSet())
    }

    /// The rescale for one frame of an enhanced multi-frame image: per-frame functional groups first, then shared.
    public init(dataSet ds: DataSet, frame: Int) {
        let perFrame = ds.sequence(.perFrameFunctionalGroupsSequence)
        if let perFrame, perFrame.indices.contains(frame),
           let item = perFrame[frame].sequence(.pixelValueTransformationSequence)?.first {
            self.init(item: item)
        } else {
            self.init(dataSet: ds)
        }
    }

    private init(item: DataSet) {
        self.init(slope: item.double(.rescaleSlope) ?? 1, intercept: item.double(.rescaleIntercept) ?? 0,
                  type: item.string(.rescaleType))
    }
}
