import Raster

/// Builds a layout's frame: viewport renders placed as they come, annotations drawn at the end.
struct LayoutCompositor {
    static let labelColour: RGBAColor = (255, 255, 255, 255)
    private let layout: Layout
    private var frame: Frame

    init(_ layout: Layout) {
        self.layout = layout
        frame = Frame(width: layout.width, height: layout.height, format: .rgba8)
        frame.fill(PixelRect(x: 0, y: 0, width: layout.width, height: layout.height), color: (0, 0, 0, 255))
    }

    /// Copies a viewport's render to its place.
    mutating func place(_ render: Frame, in viewport: Viewport) {
        frame.blit(render, atX: viewport.x, y: viewport.y)
    }

    /// Separators, then each viewport's label (top-left) and orientation letters.
    consuming func finish() -> Frame {
        for rect in layout.separators { frame.fill(rect, color: Layout.separatorColour) }
        for viewport in layout.viewports {
            let rect = PixelRect(x: viewport.x, y: viewport.y, width: viewport.width, height: viewport.height)
            if viewport.orientationLetters { OrientationLetters.draw(viewport.plane, in: rect, into: &frame) }
            if let label = viewport.label {
                Annotation.text(label, x: rect.x + OrientationLetters.margin, y: rect.y + OrientationLetters.margin, scale: 1, colour: Self.labelColour, into: &frame)
            }
        }
        return frame
    }
}
