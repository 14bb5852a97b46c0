import Raster

/// A composed layout frame and the reports of its fusion viewports (in viewport order).
public struct LayoutFrame: Sendable {
    public var frame: Frame
    public var fusionReports: [FusionReport]

    public init(frame: Frame, fusionReports: [FusionReport]) {
        self.frame = frame
        self.fusionReports = fusionReports
    }
}
