import DICOM
import Volume

/// The one rule for naming the units of a volume's values: the rescale type, else the PET Units attribute,
/// else HU for CT, else "stored units".
public enum UnitsPolicy {
    public static func units(of volume: ImageVolume, representative: DataSet?) -> String {
        volume.rescale.type ?? representative?.string(.units) ?? (volume.modality == "CT" ? "HU" : "stored units")
    }
}
