import ArgumentParser
import Foundation
import Jobs

/// `lightbox thumbnails merge`: the shards' reports joined into the report of the whole archive.
struct ThumbnailsMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the reports of every shard of a thumbnails run into one report of the whole archive.",
        discussion: """
            Checks that the reports make one whole archive: one shard count and layout, every shard 0…n−1 exactly \
            once, every series in exactly one entry (and in the shard that owns it), every file once; otherwise \
            it lists the missing shards and duplicated series and writes nothing. The merged report has shard \
            0/1, series by UID, then files; thumbnail paths are relative to its folder. Written as \
            OUTDIR/thumbnails.json, a later run without --shard resumes from it.
            Exit codes: 0 merged; 2 a report is missing, unreadable or inconsistent; 3 merged, but some series or \
            files failed (named in the report).

            Example: lightbox thumbnails merge /thumbs/thumbnails-shard-*-of-4.json -o /thumbs/thumbnails.json
            """
    )

    @Argument(help: ArgumentHelp("The shard reports (thumbnails-shard-I-of-N.json), one per shard.", valueName: "report"))
    var reports: [String]
    @Option(name: .shortAndLong, help: ArgumentHelp("The merged report to write (replaced atomically).", valueName: "file"))
    var output: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let destination = URL(fileURLWithPath: output)
        let merged: ThumbnailReport
        do { merged = try ThumbnailReportMerge(contentsOf: reports.map { URL(fileURLWithPath: $0) }).merged(for: destination) }
        catch { CommandError.badInput(error.description).exit() }
        do { try merged.save(destination) } catch { CommandError(error).exit() }
        let series = merged.entries.filter { $0.seriesInstanceUID != nil }
        let failed = merged.entries.filter { $0.status == .error }.count
        if !global.quiet {
            print("merged \(reports.count) reports: \(series.count) series, \(merged.entries.count - series.count) files, \(failed) failed; report \(destination.path)")
        }
        if failed > 0 { throw ExitCode(ExitStatus.partialFailure.rawValue) }
    }
}
