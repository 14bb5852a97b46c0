import Raster

/// Viewports composed into one RGBA frame: a black background, each viewport's render at its corner,
/// thin separator rectangles, then labels and orientation letters on top.
public struct Layout: Sendable {
    public var width: Int
    public var height: Int
    public var viewports: [Viewport]
    /// Filled in `separatorColour` after the viewports are placed.
    public var separators: [PixelRect]
    /// How slices outside the frame's load snapshot are drawn.
    public var unloadedSlices: UnloadedSlices
    /// Segmentations drawn over every viewport (empty: none).
    public var segmentations: [SegmentationOverlay] = []
    /// Draw the segments' legend (colour and name) at the bottom left when there are segmentations.
    public var segmentationLegend = true

    /// Gap between the viewports of the built-in layouts, pixels.
    public static let separatorWidth = 2

    /// Mid grey, visible against black background and white PET.
    public static let separatorColour: RGBAColor = (90, 90, 90, 255)

    public init(
        width: Int, height: Int, viewports: [Viewport], separators: [PixelRect] = [], unloadedSlices: UnloadedSlices = .background
    ) {
        self.width = width
        self.height = height
        self.viewports = viewports
        self.separators = separators
        self.unloadedSlices = unloadedSlices
    }

    /// One viewport filling the whole frame.
    public static func single(_ content: Viewport.Content, label: String? = nil, orientationLetters: Bool = true) -> Layout {
        let viewport = Viewport(content, label: label, orientationLetters: orientationLetters)
        return Layout(width: viewport.width, height: viewport.height, viewports: [viewport])
    }

    /// Checks that the frame has pixels and that every viewport lies inside it.
    func validate() throws(RenderError) {
        guard width > 0, height > 0 else { throw .invalidLayout(reason: "frame size \(width)×\(height) has no pixels") }
        for (n, v) in viewports.enumerated() where v.x < 0 || v.y < 0 || v.x + v.width > width || v.y + v.height > height {
            throw .invalidLayout(reason: "viewport \(n) at (\(v.x), \(v.y)) size \(v.width)×\(v.height) leaves the \(width)×\(height) frame")
        }
    }
}
