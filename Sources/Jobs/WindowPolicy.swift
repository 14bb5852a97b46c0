import DICOM
import Render
import Volume

/// The one rule for the window a view uses when the request gives none, decided from metadata alone, before
/// any pixel arrives, so a progressive render's frames and its final frame share it:
/// 1. the files' window for the view (`VOIWindow.fromSlices`: the slice the view shows, else the middle slice);
/// 2. for CT, the mediastinum preset;
/// 3. for a PET whose headers allow SUV, SUVbw 0…6 expressed in its stored units;
/// 4. the stored values the headers declare possible (Smallest/Largest Image Pixel Value, else BitsStored; for a
///    NIfTI, which declares none, the range of its data), rescaled;
/// 5. a window of width 1 at 0 (float pixels with no window: nothing in the headers says more).
public enum WindowPolicy {
    /// The window and where it came from (for reports).
    public static func window(for volume: ImageVolume, plane: PlaneSpec?, representative: DataSet?) -> (window: VOIWindow, source: String) {
        if let found = VOIWindow.fromSlices(of: volume, plane: plane) { return (found.window, "file (slice \(found.slice))") }
        if volume.modality == "CT" { return (.mediastinum, "CT default (mediastinum)") }
        if volume.modality == "PT", let representative, case .success(let calibration) = SUVCalibration.from(representative) {
            return (.covering(0, 6 / calibration.bqmlToSUV), "SUVbw 0–6")
        }
        let ranges = volume.slices.compactMap { slice in slice.declaredStoredRange.map { (slice, $0) } }
        if !ranges.isEmpty {
            let values = ranges.flatMap { slice, range in [slice.rescale.apply(range.lowerBound), slice.rescale.apply(range.upperBound)] }
            return (.covering(values.min()!, values.max()!), "declared stored range")
        }
        return (VOIWindow(centre: 0.5, width: 1), "none in the headers")
    }
}
