import DICOM

extension VOIWindow {
    /// The data set's first WindowCenter/WindowWidth, when present and at least 1 wide.
    public static func fromFile(_ dataSet: DataSet) -> VOIWindow? {
        guard let centre = dataSet.doubles(.windowCenter)?.first, let width = dataSet.doubles(.windowWidth)?.first, width >= 1
        else { return nil }
        return VOIWindow(centre: centre, width: width)
    }

    /// A window spanning `low`…`high` (at least 1 wide), for images that carry no window.
    public static func covering(_ low: Double, _ high: Double) -> VOIWindow {
        let width = max(1, high - low)
        return VOIWindow(centre: low + width / 2, width: width)
    }
}
