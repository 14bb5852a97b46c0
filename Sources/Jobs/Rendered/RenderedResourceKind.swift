/// The rendered resources of PS3.18 a Lightbox server answers: Retrieve Rendered (`…/rendered`, §10.4.1.1.3),
/// Thumbnail (`…/thumbnail`, §10.4.1.1.4), Rendered MPR Volume (`…/renderedmpr`, §10.4.1.1.7) and Rendered 3D
/// Volume (`…/rendered3d`, §10.4.1.1.8).
public enum RenderedResourceKind: String, Sendable, CaseIterable {
    case rendered
    case thumbnail
    case renderedMPR = "renderedmpr"
    case rendered3D = "rendered3d"

    /// The last path component, as the standard's tables spell it.
    public var pathComponent: String { rawValue }

    /// The kind a path component names. The standard's own examples spell the volumetric ones both `renderedmpr`
    /// and `rendered3D` (B.32, B.34, B.35), so the match ignores case.
    public init?(pathComponent: String) {
        guard let kind = Self(rawValue: pathComponent.lowercased()) else { return nil }
        self = kind
    }

    /// True for the volumetric resources (MPR and 3D), whose query parameters are those of PS3.18 §8.3.5.3.
    public var isVolumetric: Bool { self == .renderedMPR || self == .rendered3D }
}
