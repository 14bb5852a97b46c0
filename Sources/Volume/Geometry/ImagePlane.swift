/// Where one 2D image (or one frame of a multi-frame image) sits in patient space.
///
/// Built from ImagePositionPatient, ImageOrientationPatient and PixelSpacing.
/// `rowDirection` is the direction of increasing column index (DICOM's first
/// IOP triplet), `columnDirection` the direction of increasing row index.
public struct ImagePlane: Sendable, Equatable {
    /// The centre of the first transmitted pixel, LPS mm.
    public var position: Vector3
    /// Unit vector along a row (increasing column index).
    public var rowDirection: Vector3
    /// Unit vector along a column (increasing row index).
    public var columnDirection: Vector3
    /// Spacing between columns (PixelSpacing[1]) and between rows (PixelSpacing[0]), mm.
    public var columnSpacing: Double
    public var rowSpacing: Double
    public var rows: Int
    public var columns: Int

    public init(
        position: Vector3, rowDirection: Vector3, columnDirection: Vector3,
        rowSpacing: Double, columnSpacing: Double, rows: Int, columns: Int
    ) {
        self.position = position
        self.rowDirection = rowDirection
        self.columnDirection = columnDirection
        self.rowSpacing = rowSpacing
        self.columnSpacing = columnSpacing
        self.rows = rows
        self.columns = columns
    }

    /// The slice normal: rowDirection × columnDirection.
    public var normal: Vector3 { rowDirection.cross(columnDirection).normalized }

    /// The world position of pixel (column i, row j).
    public func world(column i: Double, row j: Double) -> Vector3 {
        position + rowDirection * (i * columnSpacing) + columnDirection * (j * rowSpacing)
    }
}
