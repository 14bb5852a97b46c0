/// One frame of an image decoded into output values, with what a picture of it needs: its size, pixel
/// spacing, photometric sense, the window its header gives and its modality.
///
/// Made from a file without a volume (`RescaledImage(frame:of:)`), so images that are no volume at all
/// (a single radiograph, a secondary capture) can still be drawn on the CPU, e.g. as thumbnails.
public struct RescaledImage: Sendable, Equatable {
    public var rows: Int
    public var columns: Int
    /// 1 for grey images; otherwise colour samples interleaved per pixel (the first three are drawn as RGB).
    public var samplesPerPixel: Int
    /// Row-major, `rows × columns × samplesPerPixel` values: stored × slope + intercept for grey images
    /// (the frame's modality rescale), colour samples as stored.
    public var values: [Double]
    /// The largest value a stored sample can hold (2^BitsStored − 1, at most 16 bits); colour is scaled by it.
    public var maxStoredValue: Double
    /// Millimetres between rows and between columns (1 and 1 when the header gives no usable spacing).
    public var rowSpacing: Double
    public var columnSpacing: Double
    /// MONOCHROME1: the higher the value, the darker it is shown.
    public var invertsGrey: Bool
    /// The header's first window, when it carries one.
    public var fileWindow: FileWindow?
    public var modality: String?

    public init(
        rows: Int, columns: Int, samplesPerPixel: Int = 1, values: [Double], maxStoredValue: Double,
        rowSpacing: Double = 1, columnSpacing: Double = 1, invertsGrey: Bool = false, fileWindow: FileWindow? = nil,
        modality: String? = nil
    ) {
        self.rows = rows
        self.columns = columns
        self.samplesPerPixel = samplesPerPixel
        self.values = values
        self.maxStoredValue = maxStoredValue
        self.rowSpacing = rowSpacing
        self.columnSpacing = columnSpacing
        self.invertsGrey = invertsGrey
        self.fileWindow = fileWindow
        self.modality = modality
    }

    /// The lowest and highest value (NaN values left out), or nil when there is none.
    public var valueRange: (min: Double, max: Double)? {
        var low = Double.infinity, high = -Double.infinity
        for v in values {
            if v < low { low = v }
            if v > high { high = v }
        }
        return low <= high ? (low, high) : nil
    }
}
