import ArgumentParser
import Foundation
import Phantom

/// `lightbox phantom`: writes the deterministic synthetic PET/CT study as DICOM files.
struct PhantomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phantom",
        abstract: "Write the built-in synthetic PET/CT study as DICOM Part 10 files.",
        discussion: """
            CT: 256×256×120, 1.5 mm pixels, 2 mm slice step, int16 (slope 1, intercept −1024). \
            PET: 128×128×60, 4 mm pixels, 3.27 mm step, uint16 with a per-slice slope, Bq/ml with SUV tags. \
            Same frame of reference; the output is byte-identical from run to run.

            Example: lightbox phantom --out /data/phantom
            """
    )

    @Option(name: .long, help: ArgumentHelp("Folder to write CT/ and PET/ into (created if missing).", valueName: "dir"))
    var out: String

    @Option(name: .long, parsing: .numeric, help: ArgumentHelp("CT size as COLUMNSxROWSxSLICES, e.g. 512x512x300 for benchmarks.", valueName: "size"))
    var ctSize: String?

    @Option(name: .long, parsing: .numeric, help: ArgumentHelp("CT pixel spacing and slice step in mm as PIXEL,STEP (default 1.5,2).", valueName: "mm"))
    var ctSpacing: String?

    @Flag(name: .long, help: "Print nothing on success.")
    var quiet = false

    func run() throws {
        var study = PhantomStudy.standard
        if let ctSize { study.ct = try PhantomGridOptions.grid(size: ctSize, spacing: ctSpacing, base: study.ct) }
        else if ctSpacing != nil { study.ct = try PhantomGridOptions.grid(size: nil, spacing: ctSpacing, base: study.ct) }
        let folder = URL(fileURLWithPath: out)
        let output = try PhantomWriter(study: study).write(to: folder)
        if !quiet {
            print("wrote \(output.ctFiles.count) CT files to \(output.ctFolder.path)")
            print("wrote \(output.petFiles.count) PET files to \(output.petFolder.path)")
        }
    }
}

/// Parses `--ct-size` / `--ct-spacing` into a phantom grid.
enum PhantomGridOptions {
    static func grid(size: String?, spacing: String?, base: PhantomGrid) throws -> PhantomGrid {
        var grid = base
        if let size {
            let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
            guard parts.count == 3, parts.allSatisfy({ $0 > 0 && $0 <= 4096 }) else {
                throw ValidationError("--ct-size must be COLUMNSxROWSxSLICES with each in 1…4096, e.g. 512x512x300 (got '\(size)')")
            }
            grid.columns = parts[0]
            grid.rows = parts[1]
            grid.slices = parts[2]
        }
        if let spacing {
            let parts = spacing.split(separator: ",").compactMap { Double($0) }
            guard parts.count == 2, parts.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw ValidationError("--ct-spacing must be PIXEL,STEP in mm, e.g. 0.8,2 (got '\(spacing)')")
            }
            grid.pixelSpacing = parts[0]
            grid.sliceStep = parts[1]
        }
        grid.firstSliceZ = -Double(grid.slices - 1) / 2 * grid.sliceStep
        return grid
    }
}
