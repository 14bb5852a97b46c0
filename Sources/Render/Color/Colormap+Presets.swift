/// The built-in colormaps, each defined by control points in Swift (never in a shader).
extension Colormap {
    private typealias E = Colormap.Entry

    /// Black → red → orange → yellow-white, the "hot iron" map PET viewers use for fusion overlays.
    public static let hotIron = Colormap(name: "hot iron", controlPoints: [
        (0, E(r: 0, g: 0, b: 0)), (0.5, E(r: 255, g: 0, b: 0)), (0.75, E(r: 255, g: 128, b: 0)), (1, E(r: 255, g: 255, b: 255)),
    ])

    /// A rainbow-style PET map: black → blue → cyan → green → yellow → red → white.
    public static let pet = Colormap(name: "pet", controlPoints: [
        (0, E(r: 0, g: 0, b: 0)), (0.12, E(r: 0, g: 0, b: 150)), (0.3, E(r: 0, g: 110, b: 255)),
        (0.45, E(r: 0, g: 220, b: 170)), (0.6, E(r: 110, g: 255, b: 0)), (0.75, E(r: 255, g: 220, b: 0)),
        (0.9, E(r: 255, g: 40, b: 0)), (1, E(r: 255, g: 255, b: 255)),
    ])

    /// Black → white.
    public static let grey = Colormap(name: "grey", controlPoints: [(0, E(r: 0, g: 0, b: 0)), (1, E(r: 255, g: 255, b: 255))])

    /// White → black, the usual look of a PET MIP (uptake dark on white).
    public static let invertedGrey = Colormap(name: "inverted grey", controlPoints: [
        (0, E(r: 255, g: 255, b: 255)), (1, E(r: 0, g: 0, b: 0)),
    ])

    /// Every built-in colormap.
    public static let presets: [Colormap] = [.hotIron, .pet, .grey, .invertedGrey]
}
