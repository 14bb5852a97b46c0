import ArgumentParser
import Foundation
import Phantom

/// `lightbox phantom`: writes the deterministic synthetic PET/CT study, or small series that reproduce
/// how real scanners write non-ideal series (`--case`), as DICOM files.
struct PhantomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phantom",
        abstract: "Write the built-in synthetic PET/CT study, or non-ideal test series, as DICOM Part 10 files.",
        discussion: """
            Without --case: the standard study in CT/ and PET/. \
            CT: 256×256×120, 1.5 mm pixels, 2 mm slice step, int16 (slope 1, intercept −1024). \
            PET: 128×128×60, 4 mm pixels, 3.27 mm step, uint16 with a per-slice slope, Bq/ml with SUV tags. \
            Same frame of reference; the output is byte-identical from run to run. Its structures are uniform, so \
            tests can expect exact values.

            With --whole-body: the study `lightbox demo` shows instead, a synthetic patient from vertex to mid-thigh \
            that reads as anatomy (skin and fat, skeleton with cortical and trabecular bone, lungs with vessels, \
            contrast in the heart and vessels, organs with texture, CT noise; FDG uptake in brain, heart, kidneys, \
            bladder and liver and four hot lesions, blurred by a 6 mm FWHM PSF, with Poisson-like noise). \
            CT: 256×256×316, 2 mm pixels, 3 mm step; PET: 128×128×237, 4 mm pixels, 4 mm step. Byte-identical too.

            With --case NAME (repeatable, or --case all): one folder DIR/NAME per case instead, each sampling \
            the same anatomy at every image's true plane. CT images are 192×128 pixels of 2 mm, PET 96×64 of 4 mm, \
            Explicit VR Little Endian, byte-identical from run to run, with their own series UIDs:
            \(PhantomCase.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n"))

            With --archive N: a synthetic archive instead, N small CT series (3 slices of 32×32 each) in \
            study folders of 10 series, for trying whole-archive jobs such as sharded thumbnails.

            Examples:
              lightbox phantom --out /data/phantom
              lightbox phantom --whole-body --out /data/patient
              lightbox phantom --archive 1000 --out /data/archive
              lightbox phantom --case tilt --case gap --out /data/cases
              lightbox phantom --case all --out /data/cases
            """
    )

    @Option(name: .long, help: ArgumentHelp("Folder to write CT/ and PET/ (or the case folders) into, created if missing.", valueName: "dir"))
    var out: String

    @Option(name: .customLong("case"), help: ArgumentHelp("A non-ideal series to write instead of the standard study (repeatable; 'all' for every case).", valueName: "name"))
    var cases: [PhantomCaseChoice] = []

    @Option(name: .long, parsing: .numeric, help: ArgumentHelp("CT size as COLUMNSxROWSxSLICES, e.g. 512x512x300 for benchmarks.", valueName: "size"))
    var ctSize: String?

    @Option(name: .long, parsing: .numeric, help: ArgumentHelp("CT pixel spacing and slice step in mm as PIXEL,STEP (default 1.5,2).", valueName: "mm"))
    var ctSpacing: String?

    @Flag(name: .long, help: "Write the whole-body patient the demo shows instead of the standard study.")
    var wholeBody = false

    @Option(name: .long, parsing: .numeric, help: ArgumentHelp("Write a synthetic archive of this many small CT series instead.", valueName: "series"))
    var archive: Int?

    @Flag(name: .long, help: "Print nothing on success.")
    var quiet = false

    func validate() throws {
        if let archive {
            guard (1...1_000_000).contains(archive) else { throw ValidationError("--archive takes 1…1000000 series (got \(archive))") }
            guard cases.isEmpty, ctSize == nil, ctSpacing == nil else { throw ValidationError("--archive goes alone: leave out --case, --ct-size and --ct-spacing") }
        }
        if wholeBody, !cases.isEmpty || archive != nil {
            throw ValidationError("--whole-body writes one study; leave out --case and --archive")
        }
        if !cases.isEmpty, ctSize != nil || ctSpacing != nil {
            throw ValidationError("--ct-size and --ct-spacing shape the standard study only; leave them out with --case")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out)
        if !cases.isEmpty { return writeCases(to: folder) }
        if let archive {
            try SyntheticArchive(seriesCount: archive, slicesPerSeries: 3).write(to: folder)
            if !quiet { print("wrote \(archive) series of 3 files to \(folder.path)") }
            return
        }
        var study = wholeBody ? PhantomStudy.wholeBody : PhantomStudy.standard
        if ctSize != nil || ctSpacing != nil { study.ct = try PhantomGridOptions.grid(size: ctSize, spacing: ctSpacing, base: study.ct) }
        let output = try PhantomWriter(study: study).write(to: folder)
        if !quiet {
            print("wrote \(output.ctFiles.count) CT files to \(output.ctFolder.path)")
            print("wrote \(output.petFiles.count) PET files to \(output.petFolder.path)")
        }
    }

    /// Writes the chosen cases, each once, in the order first named.
    private func writeCases(to folder: URL) {
        var chosen: [PhantomCase] = []
        for phantomCase in cases.flatMap(\.cases) where !chosen.contains(phantomCase) { chosen.append(phantomCase) }
        let outputs: [PhantomCaseWriter.Output]
        do { outputs = try PhantomCaseWriter().write(chosen, to: folder) }
        catch { CommandError.badInput(error.description).exit() }
        guard !quiet else { return }
        for output in outputs {
            let links = output.links.isEmpty ? "" : " and \(output.links.count) links"
            print("\(output.phantomCase.rawValue): wrote \(output.files.count) files\(links) to \(output.folders.map(\.path).joined(separator: ", "))")
        }
    }
}
