import Raster
import Segmentation

/// The legend of a layout's segmentations: one line per segment drawn (colour swatch, name), bottom-left.
enum SegmentationLegend {
    static let scale = 1

    static func draw(_ overlays: [SegmentationOverlay], into frame: inout Frame) {
        let segments = overlays.flatMap(\.shownSegments)
        guard !segments.isEmpty else { return }
        let lineHeight = BitmapFont.textSize("X", scale: scale).height + 3
        var y = frame.height - OrientationLetters.margin - lineHeight * segments.count
        let x = OrientationLetters.margin
        for segment in segments {
            let c = segment.colour
            frame.fill(PixelRect(x: x, y: y, width: lineHeight - 3, height: lineHeight - 3), color: (c.x, c.y, c.z, 255))
            Annotation.text(segment.name, x: x + lineHeight + 1, y: y, scale: scale, colour: LayoutCompositor.labelColour, into: &frame)
            y += lineHeight
        }
    }
}
