import Raster
import Segmentation
import Volume

/// A segmentation drawn over every viewport of a layout: filled (blended at `opacity`), outlined (opaque, one pixel
/// wide, where a pixel's label differs from a 4-neighbour's) or both, in each segment's colour; only the segments in
/// `shown`. MPR and fusion viewports show the section through the view's plane (nearest label at each pixel's
/// patient position); MIP viewports show the projection of the mask along the rays (the front-most label).
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

    /// `frame` (RGBA, the view's size) with the overlay drawn; `projection` for MIP views.
    public func draw(on frame: Frame, plane: PlaneSpec, pixelSpacing: Double, projection: Bool) -> Frame {
        let w = frame.width, h = frame.height
        let section = projection
            ? LabelFrame.projection(labels, plane: plane, width: w, height: h, pixelSpacing: pixelSpacing, shown: shown)
            : LabelFrame.section(labels, plane: plane, width: w, height: h, pixelSpacing: pixelSpacing, shown: shown)
        var colours = [UInt16: SIMD3<UInt8>]()
        for segment in labels.segments { colours[UInt16(clamping: segment.number)] = segment.colour }
        var rgba = frame.converted(to: .rgba8).samples8
        let fill = style != .outline ? opacity : 0, outline = style != .fill
        let keep = 1 - fill
        for r in 0..<h {
            for c in 0..<w {
                let label = section.labels[r * w + c]
                guard label != 0, let colour = colours[label] else { continue }
                let o = (r * w + c) * 4
                if outline && section.isEdge(c, r) {
                    rgba[o] = colour.x; rgba[o + 1] = colour.y; rgba[o + 2] = colour.z
                } else if fill > 0 {
                    rgba[o] = UInt8((Double(rgba[o]) * keep + Double(colour.x) * fill).rounded())
                    rgba[o + 1] = UInt8((Double(rgba[o + 1]) * keep + Double(colour.y) * fill).rounded())
                    rgba[o + 2] = UInt8((Double(rgba[o + 2]) * keep + Double(colour.z) * fill).rounded())
                }
            }
        }
        guard let drawn = try? Frame(width: w, height: h, rgba8: rgba) else { preconditionFailure("same size as the frame") }
        return drawn
    }
}
