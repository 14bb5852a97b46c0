import ArgumentParser
import Foundation
import Loading
import Phantom
import Raster
import Render
import Volume

/// `lightbox demo`: the built-in PET/CT phantom, streamed and shown in the 3×3 fusion layout with a MIP.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write the built-in PET/CT phantom, stream it and render the 3×3 + MIP fusion frame.",
        discussion: """
            Needs nothing but this program: the phantom is written to a temporary folder, the CT and PET \
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
        do { try await demo() } catch let error as CommandError { error.exit() }
    }

    private func demo() async throws {
        let (width, height) = try ValueSyntax.size(size)
        let phantom = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-demo-phantom-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: phantom) }
        let written = try PhantomWriter().write(to: phantom)
        let scan = try InputResolver.scan([written.ctFolder.path, written.petFolder.path])
        guard let ctSeries = scan.series.first(where: { $0.modality == "CT" }), let petSeries = scan.series.first(where: { $0.modality == "PT" }) else {
            throw CommandError(message: "the phantom did not produce a CT and a PET series", status: .partialFailure)
        }
        let session = try await PETCTSession.open(ct: ctSeries, pet: petSeries, petSelection: VolumeSelection(), allowDifferentFrames: false)
        let engine: RenderEngine
        do { engine = try RenderEngine() } catch { throw CommandError(message: error.description, status: .badUsage) }
        let folder = URL(fileURLWithPath: out)
        let writer = FrameWriter(output: folder.appendingPathComponent("fusion.png"), format: .png, quality: 90, force: true)
        let focus = PhantomAnatomy.standard.lesions[1].centre  // through the liver lesion
        func frame() async throws -> LayoutFrame {
            let layout = Layout.petCT(ct: session.ct.volume, pet: session.pet.volume, units: session.units, through: focus, width: width, height: height)
            do { return try await engine.render(layout) } catch { throw CommandError(message: "rendering failed: \(error)", status: .badUsage) }
        }
        var paths: [String] = []
        let states = try await session.stream(progressiveStep: progressive == 0 ? nil : progressive, quiet: global.quiet) { percent in
            let url = writer.progressiveURL(percent: percent)
            try writer.write(try await frame().frame, to: url)
            paths.append(url.path)
        }
        let final = try await frame()
        try writer.write(final.frame, to: writer.output)
        paths.append(writer.output.path)
        if !global.quiet {
            for path in paths { print("wrote \(path)") }
            print("PET shown in \(session.units.name)\(session.units.reason.map { " (\($0))" } ?? ""); CT \(states.0), PET \(states.1)")
        }
    }
}
