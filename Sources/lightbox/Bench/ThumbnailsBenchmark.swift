import Foundation
import Phantom
#if canImport(Glibc)
import Glibc
#endif

/// `lightbox bench thumbnails`: the thumbnails job at archive scale. Generates synthetic archives (small CT
/// series, every n-th series with one truncated file), runs `lightbox thumbnails` over each as a child
/// process for each --jobs value, checks that the report has an entry for every series and every broken
/// file, and prints series per second and the child's peak RSS, so growth with archive size shows.
struct ThumbnailsBenchmark {
    struct Result: Encodable {
        var machine: String
        var rows: [Row]
    }

    struct Row: Encodable {
        var series: Int
        var files: Int
        var brokenFiles: Int
        var jobs: Int
        var seconds: Double
        var seriesPerSecond: Double
        /// The child's peak resident set size (VmHWM), bytes.
        var peakRSSBytes: Int
        var exitStatus: Int32
        /// Report entries: every series and every broken file present.
        var reportComplete: Bool
        var missing: [String]
    }

    var sizes: [Int]
    var jobs: [Int]
    var brokenEvery: Int
    var slicesPerSeries: Int
    /// Rows and columns of every synthetic slice.
    var matrix: Int
    var scratch: URL?

    func run(progress: (String) -> Void) throws -> Result {
        let root = scratch ?? FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-bench-thumbnails-\(getpid())")
        defer { if scratch == nil { try? FileManager.default.removeItem(at: root) } }
        guard let executable = Self.executable else { throw CommandError.badInput("cannot find the lightbox executable to run as a child") }
        var rows: [Row] = []
        for size in sizes {
            let archive = root.appendingPathComponent("archive-\(size)")
            try? FileManager.default.removeItem(at: archive)
            progress("generating \(size) series × \(slicesPerSeries) files (every \(brokenEvery)th series with a truncated file) in \(archive.path)")
            let generator = SyntheticArchive(seriesCount: size, slicesPerSeries: slicesPerSeries, rows: matrix, columns: matrix, brokenEvery: brokenEvery)
            let broken = try generator.write(to: archive)
            for job in jobs {
                let output = root.appendingPathComponent("thumbs-\(size)-j\(job)")
                try? FileManager.default.removeItem(at: output)
                progress("lightbox thumbnails over \(size) series, --jobs \(job)")
                let start = DispatchTime.now().uptimeNanoseconds
                let (status, peak) = try Self.runChild(executable, ["thumbnails", archive.path, "-o", output.path, "--jobs", String(job), "--quiet", "--force"])
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let missing = Self.missingEntries(report: output.appendingPathComponent("thumbnails.json"), seriesCount: size, broken: broken)
                rows.append(Row(series: size, files: size * slicesPerSeries, brokenFiles: broken.count, jobs: job, seconds: seconds,
                                seriesPerSecond: Double(size) / seconds, peakRSSBytes: peak, exitStatus: status,
                                reportComplete: missing.isEmpty, missing: Array(missing.prefix(10))))
                if scratch == nil { try? FileManager.default.removeItem(at: output) }
            }
            if scratch == nil { try? FileManager.default.removeItem(at: archive) }
        }
        return Result(machine: BenchSupport.machine, rows: rows)
    }

    /// This process's executable (the child runs the same build).
    static var executable: String? {
        if let path = Bundle.main.executablePath, FileManager.default.isExecutableFile(atPath: path) { return path }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    }

    /// Runs the child, sampling its VmHWM every 20 ms (and once more as it exits) for the peak resident set.
    static func runChild(_ executable: String, _ arguments: [String]) throws -> (Int32, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        var peak = 0
        while process.isRunning {
            peak = max(peak, hwm(pid))
            usleep(20_000)
        }
        process.waitUntilExit()
        return (process.terminationStatus, peak)
    }

    /// VmHWM of a process, bytes (0 once it has exited).
    static func hwm(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb * 1024
    }

    /// Series UIDs and broken files without a report entry (everything, when the report is missing).
    static func missingEntries(report: URL, seriesCount: Int, broken: [URL]) -> [String] {
        struct Report: Decodable {
            struct Entry: Decodable { var seriesInstanceUID: String?; var file: String?; var status: String }
            var entries: [Entry]
        }
        guard let data = try? Data(contentsOf: report), let parsed = try? JSONDecoder().decode(Report.self, from: data) else {
            return ["no readable report at \(report.path)"]
        }
        let uids = Set(parsed.entries.compactMap(\.seriesInstanceUID))
        let files = Set(parsed.entries.compactMap(\.file).map { URL(fileURLWithPath: $0).standardizedFileURL.path })
        var missing = (0..<seriesCount).map(SyntheticArchive.seriesUID).filter { !uids.contains($0) }
        missing += broken.map(\.standardizedFileURL.path).filter { !files.contains($0) }
        return missing
    }

    static func printTable(_ result: Result) {
        print("thumbnails at scale — \(result.machine)")
        print("series   files  broken  jobs   seconds  series/s  child peak RSS  report")
        for row in result.rows {
            print(String(format: "%6d  %6d  %6d  %4d  %8.2f  %8.1f  %14@  %@ (exit %d)", row.series, row.files, row.brokenFiles, row.jobs,
                         row.seconds, row.seriesPerSecond, BenchSupport.mib(row.peakRSSBytes) as NSString,
                         (row.reportComplete ? "complete" : "MISSING \(row.missing.joined(separator: ", "))") as NSString, row.exitStatus))
        }
    }
}
