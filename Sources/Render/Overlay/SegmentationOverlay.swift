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
        guard section.labels.contains(where: { $0 != 0 }) else { return frame }
        var colours = [SIMD3<UInt16>](repeating: .zero, count: Int(section.labels.max() ?? 0) + 1)
        for segment in labels.segments where segment.number < colours.count {
            colours[segment.number] = SIMD3(UInt16(segment.colour.x), UInt16(segment.colour.y), UInt16(segment.colour.z))
        }
        // Blending in 1/256 steps: opacity 1 gives the colour itself, 0 the frame.
        let fill = style != .outline ? UInt16((opacity * 256).rounded()) : 0, keep = 256 - fill
        let outline = style != .fill
        var rgba = frame.converted(to: .rgba8).samples8
        rgba.withUnsafeMutableBufferPointer { out in
            for r in 0..<h {
                for c in 0..<w {
                    let label = Int(section.labels[r * w + c])
                    guard label != 0 else { continue }
                    let colour = colours[label], o = (r * w + c) * 4
                    if outline && section.isEdge(c, r) {
                        out[o] = UInt8(colour.x); out[o + 1] = UInt8(colour.y); out[o + 2] = UInt8(colour.z)
                    } else if fill > 0 {
                        let base = SIMD3(UInt16(out[o]), UInt16(out[o + 1]), UInt16(out[o + 2]))
                        let mixed = (base &* keep &+ colour &* fill &+ 128) &>> 8
                        out[o] = UInt8(mixed.x); out[o + 1] = UInt8(mixed.y); out[o + 2] = UInt8(mixed.z)
                    }
                }
            }
        }
        guard let drawn = try? Frame(width: w, height: h, rgba8: rgba) else { preconditionFailure("same size as the frame") }
        return drawn
    }
}
