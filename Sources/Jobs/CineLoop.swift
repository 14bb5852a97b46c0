/// A rotating loop of a view that turns about the patient's superior axis (the MIP, the PET/CT layout's MIP column):
/// `frames` frames, 360° in equal steps from the request's angle. The render job draws them once the volumes are
/// loaded, one at a time, and hands each to its caller as it is drawn, so encoders can write them as they come.
public struct CineLoop: Sendable, Equatable {
    /// Frames in one turn (2…3600).
    public var frames: Int

    public init(frames: Int) {
        self.frames = frames
    }

    /// The angle of frame `index`, degrees: `start + 360 · index / frames`.
    public func angle(ofFrame index: Int, from start: Double) -> Double {
        start + 360 * Double(index) / Double(frames)
    }

    /// Refuses loops of too few or too many frames, and views that do not turn.
    func check(for view: RenderRequest.View) throws(JobError) {
        guard (2...3600).contains(frames) else { throw .badInput("a cine loop needs 2 to 3600 frames (got \(frames))") }
        guard view.rotates else { throw .badInput("the \(view.name) view does not rotate; cine loops are made of views that do (mip, layout-3x3)") }
    }
}

extension RenderRequest.View {
    /// True for views drawn at `RenderRequest.angleDegrees`, which a `CineLoop` turns.
    public var rotates: Bool {
        switch self {
        case .mip, .petCTLayout: return true
        case .mpr, .triplanar, .fusion: return false
        }
    }
}
