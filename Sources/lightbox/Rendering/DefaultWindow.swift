import DICOM
import Render
import Volume

/// The window a frame uses when the user gives none.
enum DefaultWindow {
    /// The files' window for the view (`VOIWindow.fromSlices`: the slice the view shows, else the middle slice);
    /// else for CT the mediastinum preset; else the value range of the slices loaded so far (for a streaming
    /// volume, the anchor slices come first).
    static func window(for volume: ImageVolume, plane: PlaneSpec?) -> (VOIWindow, source: String) {
        if let found = VOIWindow.fromSlices(of: volume, plane: plane) { return (found.window, "file (slice \(found.slice))") }
        if volume.modality == "CT" { return (.mediastinum, "CT default (mediastinum)") }
        guard let range = volume.valueRange() else { return (VOIWindow(centre: 0.5, width: 1), "empty volume") }
        return (.covering(range.min, range.max), "value range of the loaded slices")
    }
}
