#if DICOMweb
import ArgumentParser
import Foundation

extension BenchCommand {
    /// `lightbox bench dicomweb`: one series over DICOMweb, Lightbox's stream beside a plain series retrieve.
    struct DICOMweb: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dicomweb",
            abstract: "DICOMweb streaming speed: Lightbox's stream into a volume beside a plain series retrieve and per-frame requests.",
            discussion: """
                Against one server in one run: the series retrieve read without parsing (the baseline), one request per \
                frame at concurrency 1, 2 and 8 (read without parsing), and Lightbox streaming the series into a volume \
                (the default series retrieve, and one request per frame). Medians of --runs runs, MB/s of the series \
                retrieve's bytes, and the ratio Lightbox / baseline.

                Example: lightbox bench dicomweb dicomweb:http://127.0.0.1:8042/dicom-web/studies/1.2.3/series/1.2.3.4
                """)

        @Argument(help: ArgumentHelp("The series: dicomweb:<root>/studies/{uid}/series/{uid} (or the same URL without 'dicomweb:').", valueName: "series"))
        var series: String
        @Option(parsing: .numeric, help: "Timed runs; the median is reported (≥ 5 recommended).")
        var runs = 5
        @Option(help: ArgumentHelp("Only the rows whose name contains this text (alternatives separated by |), e.g. 'baseline|stream'.", valueName: "text"))
        var filter: String?
        @Flag(help: "Print JSON instead of a table.")
        var json = false
        @OptionGroup var dicomweb: DICOMwebOptions

        func run() async throws {
            let id = series.hasPrefix("dicomweb:") ? series : "dicomweb:" + series
            let benchmark = DICOMwebBenchmark(series: id, runs: max(1, runs), loader: dicomweb.makeLoader(maxConcurrentRequestsPerHost: 8),
                                             filter: filter)
            let result = try await benchmark.run()
            if json { try printJSON(result) } else { DICOMwebBenchmark.printTable(result) }
        }
    }
}
#endif
