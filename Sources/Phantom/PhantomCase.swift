/// A small phantom series that reproduces one way real scanners write series that are not ideal
/// (uneven or missing slices, gantry tilt, 4D PET, mixed image types, DICOMDIR, links, copies).
///
/// Every image samples `PhantomAnatomy.standard` at the plane its header states, so a renderer's
/// output can be checked against the analytic truth. `series` describes the geometry; `PhantomCaseWriter`
/// writes the files (Explicit VR Little Endian, byte-identical from run to run).
public enum PhantomCase: String, CaseIterable, Sendable {
    /// Axial CT whose slice positions are jittered by at most ±0.04 mm around a uniform 2 mm grid.
    case unevenSmall = "uneven-small"
    /// Axial CT in three runs of 2 mm, 3 mm and 2.5 mm steps.
    case uneven
    /// Axial CT on a 2 mm grid with two adjacent slices missing in one place and one slice elsewhere.
    case gap
    /// CT with a constant 15° gantry tilt, positions stepping along patient z only (as GE writes it).
    case tilt
    /// CT with the `tilt` orientation but a shear that changes from slice to slice (positions off a line).
    case varyingTilt = "varying-tilt"
    /// One PET series of 4 time frames × 30 slices, plus `dynamic-pet-frame-N` 3D copies of each frame.
    case dynamicPET = "dynamic-pet"
    /// Axial CT with two localizers and a secondary-capture dose screen in the same series.
    case localizer
    /// Axial CT in `IMAGES/` with a DICOMDIR beside it.
    case dicomdir
    /// A folder of symbolic links (to files, to a folder, and to itself) into `symlinks-target`.
    case symlinks
    /// Axial CT with two extra files that are byte copies of others (same SOP Instance UID).
    case duplicates

    /// One line for `--help` and logs.
    public var summary: String {
        switch self {
        case .unevenSmall: "CT 50 slices, positions jittered ≤ ±0.04 mm off a 2 mm grid"
        case .uneven: "CT 50 slices: 20 steps of 2 mm, 15 of 3 mm, 14 of 2.5 mm"
        case .gap: "CT 2 mm grid of 50, slices 16–17 and 35 missing (47 files)"
        case .tilt: "CT 50 slices, 15° gantry tilt, positions step along z only"
        case .varyingTilt: "CT 50 slices, 15° orientation, shear 12°→18° slice by slice"
        case .dynamicPET: "PET 4 frames × 30 slices, one series; also dynamic-pet-frame-N/"
        case .localizer: "CT 50 slices + coronal and sagittal localizers + a dose screen"
        case .dicomdir: "CT 50 slices in IMAGES/ with a DICOMDIR beside them"
        case .symlinks: "links into symlinks-target/: files, a subfolder and a loop"
        case .duplicates: "CT 50 slices plus byte copies of slices 10 and 31"
        }
    }

    /// The case's number in its UIDs (fixed, so adding a case never changes another case's UIDs).
    var number: Int {
        switch self {
        case .unevenSmall: 1
        case .uneven: 2
        case .gap: 3
        case .tilt: 4
        case .varyingTilt: 5
        case .dynamicPET: 6
        case .localizer: 7
        case .dicomdir: 8
        case .symlinks: 9
        case .duplicates: 10
        }
    }

    /// The SeriesInstanceUID of the case's series `index` (1 for the main series; `dynamic-pet` frame N is 1 + N):
    /// `<phantom root>.10.<case number>.<index>`. SOP Instance UIDs append the image's 1-based position.
    public func seriesInstanceUID(_ index: Int = 1) -> String {
        "\(PhantomCaseUID.root).\(number).\(index)"
    }
}

/// UIDs shared by every case: its own study, and the standard phantom's frame of reference, since
/// every case samples the same anatomy in the same patient coordinates.
enum PhantomCaseUID {
    static let root = PhantomWriter.UID.root + ".10"
    static let study = root + ".0"
    static let frameOfReference = PhantomWriter.UID.frameOfReference
    static let secondaryCaptureStorage = "1.2.840.10008.5.1.4.1.1.7"
    static let mediaStorageDirectoryStorage = "1.2.840.10008.1.3.10"
    static let dicomdirInstance = root + ".8.0"
}
