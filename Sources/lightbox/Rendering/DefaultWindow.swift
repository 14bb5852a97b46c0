import DICOM
import Render
import Volume

/// The window a frame uses when the user gives none.
enum DefaultWindow {
    /// The file's first WindowCenter/WindowWidth; else for CT the mediastinum preset; else the value
    /// range of the slices loaded so far (for a streaming volume, the anchor slices come first).
    static func window(for dataSet: DataSet, volume: ImageVolume) -> (VOIWindow, source: String) {
        if let window = VOIWindow.fromFile(dataSet) { return (window, "file") }
        if volume.modality == "CT" { return (.mediastinum, "CT default (mediastinum)") }
        guard let range = volume.valueRange() else { return (VOIWindow(centre: 0.5, width: 1), "empty volume") }
        return (.covering(range.min, range.max), "value range of the loaded slices")
    }
}
