import DICOM
import Foundation
import Loading

/// `lightbox bench read DIR`: metadata-only and full Part 10 reads against reading the same bytes raw.
struct ReadBenchmark {
    struct Result: Encodable {
        var files: Int
        var bytes: Int
        var runs: Int
        var rawSeconds: Double
        var metadataSeconds: Double
        var fullSeconds: Double
        /// Median CPU seconds (user + system) of each pass.
        var rawCPUSeconds: Double
        var metadataCPUSeconds: Double
        var fullCPUSeconds: Double
        var headersPerSecond: Double
        var metadataMBps: Double
        var fullMBps: Double
        var rawMBps: Double
        var fullOverRaw: Double
        var fullOverMetadata: Double
    }

    var files: [URL]
    var runs: Int

    func run() throws -> Result {
        let bytes = files.reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
        var raw: [Double] = [], metadata: [Double] = [], full: [Double] = []
        var rawCPU: [Double] = [], metadataCPU: [Double] = [], fullCPU: [Double] = []
        var sink = 0
        // One warm-up pass so every figure is a warm page-cache figure.
        for url in files { sink &+= (try? Data(contentsOf: url).count) ?? 0 }
        for _ in 0..<runs {
            let r = try BenchSupport.timeWithCPU {
                for url in files {
                    let data = try Data(contentsOf: url)
                    sink &+= data.withUnsafeBytes { Int($0.last ?? 0) }
                }
            }
            let m = try BenchSupport.timeWithCPU {
                for url in files { sink &+= try DICOMFile.read(contentsOf: url, mode: .metadataOnly).dataSet.count }
            }
            let f = try BenchSupport.timeWithCPU {
                for url in files {
                    let file = try DICOMFile.read(contentsOf: url, mode: .full)
                    sink &+= file.dataSet.bytes(.pixelData)?.last.map(Int.init) ?? 0
                }
            }
            raw.append(r.wall); metadata.append(m.wall); full.append(f.wall)
            rawCPU.append(r.cpu); metadataCPU.append(m.cpu); fullCPU.append(f.cpu)
        }
        if sink == 42 { print("") }  // keeps the reads from being optimised away
        let r = BenchSupport.median(raw), m = BenchSupport.median(metadata), f = BenchSupport.median(full)
        let mb = Double(bytes) / 1e6
        return Result(
            files: files.count, bytes: bytes, runs: runs, rawSeconds: r, metadataSeconds: m, fullSeconds: f,
            rawCPUSeconds: BenchSupport.median(rawCPU), metadataCPUSeconds: BenchSupport.median(metadataCPU),
            fullCPUSeconds: BenchSupport.median(fullCPU),
            headersPerSecond: Double(files.count) / m, metadataMBps: mb / m, fullMBps: mb / f, rawMBps: mb / r,
            fullOverRaw: f / r, fullOverMetadata: f / m)
    }

    static func printTable(_ r: Result) {
        print("read benchmark: \(r.files) files, \(BenchSupport.mib(r.bytes)), median of \(r.runs) runs (warm page cache)")
        print("  machine        \(BenchSupport.machine)")
        print(String(format: "  raw read       %9.2f ms   %8.1f MB/s                      cpu %7.2f ms", r.rawSeconds * 1000, r.rawMBps, r.rawCPUSeconds * 1000))
        print(String(format: "  metadata-only  %9.2f ms   %8.1f MB/s   %8.0f headers/s   cpu %7.2f ms", r.metadataSeconds * 1000, r.metadataMBps, r.headersPerSecond, r.metadataCPUSeconds * 1000))
        print(String(format: "  full read      %9.2f ms   %8.1f MB/s                      cpu %7.2f ms", r.fullSeconds * 1000, r.fullMBps, r.fullCPUSeconds * 1000))
        print(String(format: "  full / raw     %9.2f×   (target ≤ 1.5×)", r.fullOverRaw))
        print(String(format: "  full / meta    %9.2f×   (target ≥ 5×)", r.fullOverMetadata))
    }
}
