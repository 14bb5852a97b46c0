import Raster
import Volume

/// A composed layout frame, the reports of its fusion viewports (in viewport order), and the load state
/// it was drawn from: one snapshot per volume (in order of the volumes' first viewport), and how the
/// slices outside them were shown.
public struct LayoutFrame: Sendable {
    public var frame: Frame
    public var fusionReports: [FusionReport]
    /// The slices each volume shows: the snapshot the frame was asked for or took, less any slice that was
    /// being rewritten while the frame read it.
    public var snapshots: [LoadSnapshot]
    public var unloadedSlices: UnloadedSlices

    public init(frame: Frame, fusionReports: [FusionReport], snapshots: [LoadSnapshot], unloadedSlices: UnloadedSlices) {
        self.frame = frame
        self.fusionReports = fusionReports
        self.snapshots = snapshots
        self.unloadedSlices = unloadedSlices
    }

    /// True when some slice of a volume was not in its snapshot and was drawn from its nearest loaded slice.
    public var showsStandIns: Bool {
        unloadedSlices == .nearestLoaded && snapshots.contains { !$0.isComplete && $0.loadedCount > 0 }
    }
}
