import ArgumentParser
import Foundation
import Loading

extension BenchCommand {
    /// `lightbox bench export`: the benchmark volume as raw voxels, cameras and DICOM, for peer comparisons.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the render benchmark's CT as raw int16 + JSON (geometry and cameras) and as DICOM, for comparisons.",
            discussion: "Example: lightbox bench export --out bench-ct (used by benchmarks/compare-vtk.sh)")

        @Option(help: ArgumentHelp("Folder to write ct.raw, ct.json, CT/ and PET/ into.", valueName: "dir"))
        var out: String
        @Option(parsing: .numeric, help: ArgumentHelp("Output frame width and height of the cameras.", valueName: "px"))
        var size = 512
        @Option(parsing: .numeric, help: ArgumentHelp("CT slices.", valueName: "n"))
        var slices = 300
        @Flag(help: "Skip the DICOM files (raw + JSON only).")
        var noDicom = false

        func run() throws {
            let header = try BenchExport(folder: URL(fileURLWithPath: out), size: size, slices: max(2, slices), dicom: !noDicom).run()
            print("wrote ct.raw (\(header.dimensions.map(String.init).joined(separator: "×")) int16) and ct.json\(noDicom ? "" : ", CT/ and PET/") to \(out)")
        }
    }
}
