/// One segment (SEG), ROI (RTSTRUCT) or label value (NIfTI) of a segmentation: its number in the label volume,
/// its name, and the colour it is drawn in.
public struct Segment: Sendable, Equatable {
    /// The value the segment's voxels hold in the label volume (1…65535).
    public var number: Int
    public var name: String
    /// sRGB; from the file (SEG's recommended CIELab, RTSTRUCT's ROI display colour) or `Palette`.
    public var colour: SIMD3<UInt8>
    /// Voxels of the segment on its own grid, and their volume, millilitres.
    public var voxelCount: Int
    public var volumeML: Double

    public init(number: Int, name: String, colour: SIMD3<UInt8>? = nil, voxelCount: Int = 0, volumeML: Double = 0) {
        self.number = number
        self.name = name
        self.colour = colour ?? Palette.colour(for: number)
        self.voxelCount = voxelCount
        self.volumeML = volumeML
    }
}

/// The fixed colours of segments whose file gives none: ten distinct hues, repeating.
public enum Palette {
    static let colours: [SIMD3<UInt8>] = [
        SIMD3(230, 25, 75), SIMD3(60, 180, 75), SIMD3(255, 225, 25), SIMD3(0, 130, 200), SIMD3(245, 130, 48),
        SIMD3(145, 30, 180), SIMD3(70, 240, 240), SIMD3(240, 50, 230), SIMD3(210, 245, 60), SIMD3(250, 190, 212),
    ]

    /// The colour of segment `number` (1-based).
    public static func colour(for number: Int) -> SIMD3<UInt8> { colours[(max(number, 1) - 1) % colours.count] }
}
