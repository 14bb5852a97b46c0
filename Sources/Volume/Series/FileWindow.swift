import DICOM

/// A window written in an image's header: its first WindowCenter and WindowWidth (PS3.3 C.11.2), in
/// output units (e.g. HU). Images of one series often carry different windows (MR edge slices hold noise),
/// so a view takes the window of the image it shows, never simply the first image's.
public struct FileWindow: Sendable, Equatable {
    public var centre: Double
    public var width: Double

    public init(centre: Double, width: Double) {
        self.centre = centre
        self.width = width
    }

    /// The first centre and width of `dataSet`, when both are present and the width is at least 1.
    public init?(_ dataSet: DataSet?) {
        guard let dataSet, let centre = dataSet.doubles(.windowCenter)?.first, let width = dataSet.doubles(.windowWidth)?.first,
              centre.isFinite, width.isFinite, width >= 1
        else { return nil }
        self.init(centre: centre, width: width)
    }
}
