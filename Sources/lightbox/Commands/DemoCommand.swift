import ArgumentParser
import Foundation
import Loading
import Phantom
import Raster
import Render
import Jobs
import Volume

/// `lightbox demo`: the built-in whole-body PET/CT patient, streamed and shown in the 3×3 fusion layout with a MIP.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the built-in whole-body PET/CT study, stream it and render the 3×3 + MIP fusion frame.",
        discussion: """
            Needs nothing but this program: the study (`lightbox phantom --whole-body`) is written to a temporary folder, the CT and PET \
            stream together, and the frames go to ./lightbox-demo/ (fusion.png, plus fusion-025.png … \
            rendered while the slices were still arriving). Files in that folder are replaced.

            Example: lightbox demo --size 1200x750
            """
    )

    @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out = "lightbox-demo"
    @Option(parsing: .numeric, help: ArgumentHelp("Frame size in pixels.", valueName: "WxH"))
    var size = "1024x640"
    @Option(parsing: .numeric, help: ArgumentHelp("Write a progressive frame after every N% of slices (0: none).", valueName: "N"))
    var progressive = 25
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        _ = try ValueSyntax.size(size)
        guard (0...100).contains(progressive) else { throw ValidationError("--progressive must be 0…100 (got \(progressive))") }
    }

    func run() async throws {
        do { try await demo() } catch let error as JobError { CommandError(error).exit() } catch let error as CommandError { error.exit() }
    }

    private func demo() async throws {
        let (width, height) = try ValueSyntax.size(size)
        let phantom = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-demo-phantom-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: phantom) }
        let written = try PhantomWriter(study: .wholeBody).write(to: phantom)
        let folder = URL(fileURLWithPath: out)
        let writer = FrameWriter(output: folder.appendingPathComponent("fusion.png"), format: .png, quality: 90, force: true)
        let request = RenderRequest(
            inputs: .petCT(ct: .files([written.ctFolder.path]), pet: .files([written.petFolder.path])), view: .petCTLayout,
            focus: PatientAnatomy.standard.lesions[0].centre,  // through the liver metastasis
            width: width, height: height, progressivePercents: RenderRequest.percents(every: progressive))
        var strip: [(Frame, String)] = []
        let report = try await RenderJob(request).run(in: LightboxSession(), progress: Feedback(global: global, json: false).render) { drawn in
            let url = drawn.percent.map(writer.progressiveURL) ?? writer.output
            try writer.write(drawn.frame, to: url)
            strip.append((drawn.frame, drawn.percent.map { "\($0)%" } ?? "100%"))
            return url.path
        }
        let streamURL = folder.appendingPathComponent("stream.png")
        try writer.write(Frame.strip(strip.map(\.0), captions: strip.map(\.1)), to: streamURL)
        if !global.quiet {
            for path in report.framesWritten + [streamURL.path] { print("wrote \(path)") }
            let states = report.volumes.map { "\($0.role.uppercased()) \($0.loadState)" }.joined(separator: ", ")
            print("PET shown in \(report.petUnits ?? "?")\(report.petUnitsReason.map { " (\($0))" } ?? ""); \(states)")
        }
    }
}
