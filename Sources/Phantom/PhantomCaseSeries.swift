import Volume

/// One series a `PhantomCase` writes: its folder below the output folder, identity and images.
public struct PhantomCaseSeries: Sendable {
    /// The folder below the output folder, e.g. `tilt` or `dynamic-pet-frame-2`.
    public var folder: String
    public var seriesInstanceUID: String
    public var seriesNumber: Int
    public var seriesDescription: String
    /// `CT` or `PT`.
    public var modality: String
    /// Time frames in the series: 4 for the 4D PET, 1 otherwise.
    public var temporalPositions: Int
    /// The images in file order.
    public var images: [PhantomCaseImage]
}

/// One image of a phantom case series, with the plane its pixels were sampled at.
public struct PhantomCaseImage: Sendable {
    /// What the image shows.
    public enum Kind: Sendable, Equatable {
        /// A CT slice (axial or tilted).
        case ct
        /// A CT localizer (ImageType ORIGINAL\PRIMARY\LOCALIZER): a plane through the anatomy, not a projection.
        case localizer
        /// A secondary-capture dose screen: pixels, but no position, orientation or spacing.
        case doseScreen
        /// A PET slice holding the activity of time frame `frame` (1-based).
        case pet(frame: Int)
    }

    /// The file, relative to the series folder (`/`-separated, e.g. `upper/CT_0026.dcm`).
    public var path: String
    public var sopInstanceUID: String
    public var instanceNumber: Int
    public var kind: Kind
    /// The plane written in ImagePositionPatient, ImageOrientationPatient and PixelSpacing; nil for the dose screen.
    /// Every value is exactly what the header text holds.
    public var plane: ImagePlane?
    /// SliceThickness (0018,0050), mm.
    public var sliceThickness: Double?
    /// GantryDetectorTilt (0018,1120), degrees; nil when not written.
    public var gantryTilt: Double?
}
