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
            of differing pixels is at most --max-fraction, or, with --min-ssim, when its SSIM is at least that. \
            Pixels inside --ignore rectangles and the marked pixels of --mask (a PNG of the images' size: pixels \
            neither black nor transparent are ignored) count in no metric.
            --report writes an HTML page (summary table, failures first; expected, actual and diff side by side with \
            a slider and a blink view) with copies of the images, that opens from disk; --junit writes JUnit XML \
            (one testcase per pair) for CI systems.
            Exit codes: 0 all within tolerance; 1 some differ; 2 an image is missing, unreadable or of another size.

            Example: lightbox diff goldens/ out/ --tolerance 2 --report out/report --junit out/diff.xml
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
    @Option(parsing: .numeric, help: ArgumentHelp("Pass rule instead of --max-fraction: SSIM (0–1) at least this.", valueName: "ssim"))
    var minSSIM: Double?
    @Option(help: ArgumentHelp("Leave this rectangle out (pixels, origin top-left); repeatable.", valueName: "x,y,w,h"))
    var ignore: [IgnoreRegion] = []
    @Option(help: ArgumentHelp("Leave out the pixels this PNG marks (not black, not transparent); same size as the images.", valueName: "png"))
    var mask: String?
    @Option(help: ArgumentHelp("Write a highlighted diff image for each differing pair into this folder.", valueName: "dir"))
    var diffDir: String?
    @Option(name: .customLong("report"), help: ArgumentHelp("Write an HTML report with copies of the images into this folder (index.html).", valueName: "dir"))
    var reportFolder: String?
    @Option(help: ArgumentHelp("Write the results as JUnit XML to this file.", valueName: "file"))
    var junit: String?
    @Flag(help: "Print a JSON report instead of a table.")
    var json = false

    func validate() throws {
        guard tolerance >= 0 else { throw ValidationError("--tolerance must be 0 or more (got \(tolerance))") }
        guard (0...1).contains(maxFraction) else { throw ValidationError("--max-fraction must be between 0 and 1 (got \(maxFraction))") }
        if let minSSIM, !(0...1).contains(minSSIM) { throw ValidationError("--min-ssim must be between 0 and 1 (got \(minSSIM))") }
    }

    func run() throws {
        FreedMemory.keepForReuse()
        let reportFolder = reportFolder.map { URL(fileURLWithPath: $0) }
        let diffFolder = diffDir.map { URL(fileURLWithPath: $0) } ?? reportFolder?.appendingPathComponent("diff")
        let suite = GoldenSuite(tolerance: tolerance, maxFraction: maxFraction, minSSIM: minSSIM, ignoredRects: ignore.map(\.rect),
                                maskFile: mask.map { URL(fileURLWithPath: $0) }, diffFolder: diffFolder)
        let report: GoldenSuiteReport
        do {
            report = try suite.run(expected: URL(fileURLWithPath: expected), actual: URL(fileURLWithPath: actual))
            if let reportFolder { try DiffReportPage.write(report, to: reportFolder) }
            if let junit { try JUnitReport.write(report, to: URL(fileURLWithPath: junit)) }
        } catch {
            CommandError(error).exit()
        }
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
        print("status         max   mean      >tol%    PSNR    SSIM   " + "path".padding(toLength: width, withPad: " ", startingAt: 0))
        for entry in entries {
            let status = entry.status.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
            if let d = entry.difference {
                let psnr = d.psnr.isInfinite ? "   inf" : String(format: "%6.1f", d.psnr)
                print(String(format: "%@ %5d %6.2f %9.4f%% %@ %7.4f   %@", status, d.maxAbsoluteDifference, d.meanAbsoluteDifference,
                             d.fractionAboveTolerance * 100, psnr, d.ssim, entry.path) + (entry.diffImage.map { "  → \($0)" } ?? ""))
            } else {
                print("\(status)                                             \(entry.path): \(entry.message ?? "")")
            }
        }
    }
}
