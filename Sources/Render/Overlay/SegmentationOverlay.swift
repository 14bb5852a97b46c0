import Raster
import Segmentation
import Volume

/// A segmentation drawn over every viewport of a layout: filled (blended at `opacity`), outlined (opaque, one pixel
/// wide, where a pixel's label differs from a 4-neighbour's) or both, in each segment's colour; only the segments in
/// `shown`. MPR and fusion viewports show the section through the view's plane (nearest label at each pixel's
/// patient position); MIP viewports show the projection of the mask along the rays (the front-most label);
/// volume renderings none. Drawn on the GL side before the view is read back (`OverlayPass`).
public struct SegmentationOverlay: Sendable {
    /// What is drawn.
    public enum Style: String, Sendable, CaseIterable { case fill, outline, both }

    public var labels: LabelVolume
    public var style: Style
    /// Fill opacity, 0…1.
    public var opacity: Double
    /// Segment numbers drawn.
    public var shown: Set<Int>

    public init(labels: LabelVolume, style: Style = .both, opacity: Double = 0.4, shown: Set<Int>? = nil) {
        self.labels = labels
        self.style = style
        self.opacity = min(max(opacity, 0), 1)
        self.shown = shown ?? Set(labels.segments.map(\.number))
    }

    /// The segments drawn, by number.
    public var shownSegments: [Segment] { labels.segments.filter { shown.contains($0.number) } }
}
