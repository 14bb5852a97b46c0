import Foundation
import Jobs
import Raster
import Render
import Volume
import XCTest

/// The phantom CT converted by dcm2niix (Debian; gzip) renders equal to the DICOM series, within one grey level,
/// in the three patient planes and a rotated MIP (the same world planes for both).
final class NIfTIAgainstDICOMTests: XCTestCase {
    func dcm2niix() throws -> URL {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("dcm2niix") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let path else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("dcm2niix is not installed (make deps)") }
            throw XCTSkip("dcm2niix is not installed (make deps)")
        }
        return path
    }

    func testDcm2niixNIfTIRendersAsTheDICOMSeries() async throws {
        let executable = try dcm2niix()
        let ct = Fixtures.phantomFolder.appendingPathComponent("CT")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dcm2niix-\(getpid())")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-z", "y", "-f", "ct", "-o", output.path, ct.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let nifti = output.appendingPathComponent("ct.nii.gz")
        XCTAssertTrue(FileManager.default.fileExists(atPath: nifti.path), "dcm2niix wrote no ct.nii.gz")

        let session = LightboxSession()
        let dicom = try await session.open(.files([ct.path]))
        let converted = try await session.open(.nifti(nifti.path))
        await dicom.streaming.load()
        await converted.streaming.load()
        let a = dicom.streaming.volume, b = converted.streaming.volume
        XCTAssertEqual(b.geometry.dimensions, a.geometry.dimensions)
        let engine = try session.renderEngine()
        let window = VOIWindow(centre: 40, width: 400)
        // Off the voxel grid's midpoints: nearest sampling of a point halfway between two voxels may pick either, and
        // dcm2niix stores the rows bottom-up (its slice normal points the other way).
        let centre = a.geometry.world(31.3, 31.7, 19.2)
        var views: [(String, (ImageVolume) -> Viewport.Content)] = []
        for (name, plane) in [("axial", PlaneSpec.axial(centre: centre)), ("coronal", .coronal(centre: centre)), ("sagittal", .sagittal(centre: centre))] {
            for sampling in [Sampling.nearest, .linear] {
                views.append(("\(name) \(sampling)", { .mpr(MPRView(plane: plane, width: 96, height: 96, pixelSpacing: 5.3, window: window, sampling: sampling), $0) }))
            }
        }
        let mip = MIPView.rotating(a.geometry, angle: 0.5, width: 96, height: 96, window: window)
        views.append(("MIP 29°", { .mip(mip, $0, colormap: .grey) }))
        for (name, content) in views {
            let x = try await engine.render(Layout.single(content(a), orientationLetters: false)).frame
            let y = try await engine.render(Layout.single(content(b), orientationLetters: false)).frame
            let difference = zip(x.samples8, y.samples8).map { abs(Int($0) - Int($1)) }.max() ?? 0
            XCTAssertLessThanOrEqual(difference, 1, "\(name): NIfTI and DICOM renders differ by \(difference) levels")
        }
    }
}
