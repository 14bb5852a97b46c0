import ArgumentParser
import Foundation
import Jobs
import Raster

/// `lightbox diff`: compares rendered frames against goldens, file by file or folder by folder.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two images, or two folders of PNG/JPEG images matched by relative path.",
        discussion: """
            A pixel differs when any channel differs by more than --tolerance; an image passes when the share \
            of differing pixels is at most --max-fraction.
            Exit codes: 0 all within tolerance; 1 some differ; 2 an image is missing, unreadable or of another size.

            Example: lightbox diff goldens/ out/ --tolerance 2 --diff-dir out/diffs
            """
    )

    @Argument(help: ArgumentHelp("The expected image or folder (e.g. the goldens).", valueName: "expected"))
    var expected: String
    @Argument(help: ArgumentHelp("The actual image or folder.", valueName: "actual"))
    var actual: String
    @Option(parsing: .numeric, help: ArgumentHelp("Largest per-channel difference (0–255, or 0–65535 for 16-bit) that still counts as equal.", valueName: "levels"))
    var tolerance = 0
    @Option(parsing: .numeric, help: ArgumentHelp("Share of pixels (0–1) allowed above the tolerance.", valueName: "fraction"))
    var maxFraction = 0.0
    @Option(help: ArgumentHelp("Write a highlighted diff image for each differing pair into this folder.", valueName: "dir"))
    var diffDir: String?
    @Flag(help: "Print a JSON report instead of a table.")
    var json = false

    func validate() throws {
        guard tolerance >= 0 else { throw ValidationError("--tolerance must be 0 or more (got \(tolerance))") }
        guard (0...1).contains(maxFraction) else { throw ValidationError("--max-fraction must be between 0 and 1 (got \(maxFraction))") }
    }

    func run() throws {
        let suite = GoldenSuite(tolerance: tolerance, maxFraction: maxFraction, diffFolder: diffDir.map { URL(fileURLWithPath: $0) })
        let report: GoldenSuiteReport
        do { report = try suite.run(expected: URL(fileURLWithPath: expected), actual: URL(fileURLWithPath: actual)) } catch { CommandError(error).exit() }
        if json {
            try printJSON(report)
        } else {
            printTable(report.entries)
            print("\(report.compared) compared: \(report.same) same, \(report.different) different, \(report.failed) missing/unreadable/size mismatch")
        }
        if report.failed > 0 { throw ExitCode(ExitStatus.badUsage.rawValue) }
        if report.different > 0 { throw ExitCode(ExitStatus.different.rawValue) }
    }

    private func printTable(_ entries: [GoldenSuiteReport.Entry]) {
        let width = min(60, entries.map(\.path.count).max() ?? 10)
        print("status         max   mean      >tol%    PSNR   " + "path".padding(toLength: width, withPad: " ", startingAt: 0))
        for entry in entries {
            let status = entry.status.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
            if let d = entry.difference {
                let psnr = d.psnr.isInfinite ? "   inf" : String(format: "%6.1f", d.psnr)
                print(String(format: "%@ %5d %6.2f %9.4f%% %@   %@", status, d.maxAbsoluteDifference, d.meanAbsoluteDifference,
                             d.fractionAboveTolerance * 100, psnr, entry.path) + (entry.diffImage.map { "  → \($0)" } ?? ""))
            } else {
                print("\(status)                                     \(entry.path): \(entry.message ?? "")")
            }
        }
    }
}
