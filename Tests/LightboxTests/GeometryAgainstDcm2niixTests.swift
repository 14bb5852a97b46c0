import Foundation
import XCTest

/// The geometry `lightbox info --json` reports for real series agrees with dcm2niix's (an independent converter):
/// the 8 corner voxel centres of stack 0 volume 0 (`cornersLPS`, at the slices' true positions) against the 8
/// corners of dcm2niix's NIfTI sform (RAS, first two rows negated for LPS), within 0.5 mm, as sets (each of ours
/// near one of dcm2niix's and vice versa: dcm2niix may reverse the row or slice order).
///
/// Inputs: every series folder in ../shared/realdata (all must be compared), and of the pydicom test files
/// (.testdata or $LIGHTBOX_TESTDATA) every file on its own (symlinked alone into a temporary folder) and every
/// folder of ≥ 2 files that we read as one series of ≥ 2 slices (the DICOMDIR CT series). An input *forms a
/// volume* when `info --json` on it reports exactly one series whose stack 0 volume 0 has `dimensions`: at least
/// 2 slices, or a single image with a position and orientation; multi-frame files (enhanced CT/MR with
/// per-frame positions, SEG, RT dose with GridFrameOffsetVector) count by the same rule. Only such inputs are
/// compared; every other input is printed as skipped with the reason, as is an input dcm2niix refuses.
///
/// Rules where dcm2niix's plain sform is not a patient-space mapping of the stored slices:
/// - Tilted (our `tiltDegrees` > 0.1°, or for a single slice a Gantry/Detector Tilt (0018,1120) above 0.1°, by
///   which dcm2niix shears even one slice): dcm2niix models tilt as an in-plane shear of its own and only anchors
///   its first stored row. Compared instead: (a) the tilt it prints ("estimated from slice vector X") with our
///   `tiltDegrees` within 0.1° (multi-slice only; it prints no estimate for one slice), and (b) its 2 corners of
///   voxels (i ∈ {0, nx−1}, j = 0, k = 0), each within 0.5 mm of one of our 8. Its `_Tilt_Eq` output is
///   resampled onto another grid and not used.
/// - Uneven steps, not tilted (dcm2niix warns "Interslice distance varies", its plain sform steps uniformly from
///   the first slice): compared with its `_Eq` output instead, resampled to equal steps between the same first
///   and last slices, so its 8 corners are the true ones.
/// - Slice step unknown to dcm2niix ("Unable to determine slice thickness": it ignores an RT dose's
///   GridFrameOffsetVector and steps 1 mm): only its 4 first-slice corners (k = 0), each within 0.5 mm of one of ours.
/// - Whenever dcm2niix prints a tilt estimate its value is compared too; a 4D output's dim[4] must equal our
///   stack 0's volume count.
///
/// Needs dcm2niix (`apt-get install dcm2niix`, part of `make deps`): a CI failure when missing, a skip elsewhere.
final class GeometryAgainstDcm2niixTests: XCTestCase {
    /// Corner tolerance, mm.
    static let toleranceMM = 0.5
    /// Tilt tolerance, degrees.
    static let tiltToleranceDegrees = 0.1
    /// Pydicom inputs compared with dcm2niix 1.0.20220720 (Debian 12): 61 (59 files, 2 DICOMDIR CT folders).
    static let minimumPydicomCompared = 55

    private var work: URL!

    override func setUpWithError() throws { work = CLI.temporaryFolder("dcm2niix") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    func testRealSeriesCornersMatchDcm2niix() throws {
        let dcm2niix = try Self.dcm2niix()
        let folders = try RealDataLocations.realSeriesFolders()
        var compared = 0
        for folder in folders where try check(folder.lastPathComponent, input: folder, dcm2niix: dcm2niix) { compared += 1 }
        XCTAssertEqual(compared, folders.count, "every real series is compared")
    }

    func testPydicomVolumesCornersMatchDcm2niix() throws {
        let dcm2niix = try Self.dcm2niix()
        let root = RealDataLocations.pydicomData
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("pydicom").path) else {
            try RealDataLocations.unavailable("The pydicom test files (\(root.lastPathComponent))", fix: "run make testdata")
        }
        var compared = 0, skipped = 0
        for (label, files) in try Self.pydicomInputs(root) {
            let input = try stage(files)
            if try check(label, input: input, dcm2niix: dcm2niix, multiFileNeedsSlices: files.count > 1) { compared += 1 } else { skipped += 1 }
        }
        print("dcm2niix pydicom: \(compared) compared, \(skipped) skipped")
        XCTAssertGreaterThanOrEqual(compared, Self.minimumPydicomCompared, "pydicom inputs compared with dcm2niix")
    }

    /// Compares one input, prints a line and asserts; true when it was compared. A folder of several files is only
    /// compared when we read it as one series of ≥ 2 slices (its single images are compared file by file).
    private func check(_ label: String, input: URL, dcm2niix: URL, multiFileNeedsSlices: Bool = false) throws -> Bool {
        if multiFileNeedsSlices {
            let (report, reason) = try InfoReport.of(input)
            if (report?.defaultVolume?.slices ?? 0) < 2 {
                let why = report.map { $0.series.count == 1 ? "stack 0 volume 0 has \($0.defaultVolume?.slices ?? 0) slice(s)" : "\($0.series.count) series" }
                print("dcm2niix skipped   \(label): not one series of ≥ 2 slices for us (\(why ?? GeometryComparison.shorten(reason, input: input))); its files are compared one by one")
                return false
            }
        }
        let output = work.appendingPathComponent(UUID().uuidString)
        switch try GeometryComparison.run(input, dcm2niix: dcm2niix, workFolder: output) {
        case .skipped(let reason):
            print("dcm2niix skipped   \(label): \(reason)")
            return false
        case .disagreement(let reason):
            print("dcm2niix DISAGREES \(label): \(reason)")
            XCTFail("\(label): \(reason)")
            return true
        case .compared(let comparison):
            print("dcm2niix compared  \(label): \(comparison.summary)")
            XCTAssertLessThanOrEqual(comparison.distanceMM, Self.toleranceMM, "\(label): \(comparison.summary)")
            if let tilt = comparison.tilt {
                XCTAssertEqual(tilt.ours, tilt.dcm2niix, accuracy: Self.tiltToleranceDegrees, "\(label): tilt")
            }
            if let volumes = comparison.volumes { XCTAssertEqual(volumes.ours, volumes.dcm2niix, "\(label): 4D volumes") }
            return true
        }
    }

    /// The pydicom inputs, labelled by path below the data root: each file alone, then each folder of ≥ 2 files.
    static func pydicomInputs(_ root: URL) throws -> [(String, [URL])] {
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { return [] }
        let files = walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: Set(keys)).isRegularFile) == true }
            .map(\.standardizedFileURL)
            .sorted { $0.path < $1.path }
        let rootPath = root.standardizedFileURL.path + "/"
        func label(_ url: URL) -> String { url.path.hasPrefix(rootPath) ? String(url.path.dropFirst(rootPath.count)) : url.path }
        let folders = Dictionary(grouping: files) { $0.deletingLastPathComponent() }
            .filter { $0.value.count >= 2 }
            .sorted { $0.key.path < $1.key.path }
        return files.map { (label($0), [$0]) } + folders.map { ("\(label($0.key))/ (\($0.value.count) files)", $0.value) }
    }

    /// A fresh folder holding symlinks to `files` (so both tools see just those files).
    private func stage(_ files: [URL]) throws -> URL {
        let folder = work.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(file.lastPathComponent), withDestinationURL: file)
        }
        return folder
    }

    /// dcm2niix, or a CI failure / skip saying how to install it.
    private static func dcm2niix() throws -> URL {
        guard let url = Dcm2niix.executable else {
            try RealDataLocations.unavailable("dcm2niix", fix: "install it with `apt-get install dcm2niix` (or `make deps`)")
        }
        return url
    }
}
