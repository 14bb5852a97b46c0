import Foundation
import Loading
import Volume

/// `lightbox bench load DIR`: streams one series from disk into a volume, repeatedly.
struct LoadBenchmark {
    struct Result: Encodable {
        var files: Int
        var bytes: Int
        var voxelBytes: Int
        var runs: Int
        var firstSliceSeconds: Double
        /// Metadata phase: every header read, the series assembled and the volume allocated.
        var metadataSeconds: Double
        var fullVolumeSeconds: Double
        var rawReadSeconds: Double
        /// Median CPU seconds (user + system) of a whole load and of a raw read.
        var fullVolumeCPUSeconds: Double
        var rawReadCPUSeconds: Double
        /// The same files read back to back into one buffer allocated as a volume's (`VoxelBuffer`: zeroed, huge
        /// pages): the raw read that also pays for fresh memory, as a load must.
        var rawIntoBufferSeconds: Double
        var rawIntoBufferCPUSeconds: Double
        var loadMBps: Double
        var fullOverRaw: Double
        var fullOverRawIntoBuffer: Double
        var peakRSSOverVoxelBytes: Double
        var dcm2niixSeconds: Double?
    }

    var folder: URL
    var runs: Int

    func run() async throws -> Result {
        let files = try SeriesScanner.files(under: [folder])
        guard !files.isEmpty else { throw CommandError.badInput("no files under \(folder.path)") }
        let ids = files.map(FileImageLoader.imageID(for:))
        let bytes = files.reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
        for url in files { _ = try? Data(contentsOf: url) }  // warm the page cache
        let baseline = BenchSupport.currentRSS
        var first: [Double] = [], full: [Double] = [], raw: [Double] = [], metadata: [Double] = []
        var fullCPU: [Double] = [], rawCPU: [Double] = [], intoBuffer: [Double] = [], intoBufferCPU: [Double] = []
        var voxelBytes = 0, peak = 0
        for run in 0..<runs {
            let loader = FileImageLoader()
            let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: ImageVolumeCache(budgetBytes: Int.max))
            let cpuStart = BenchSupport.cpuSeconds
            let start = DispatchTime.now().uptimeNanoseconds
            let streaming = try await manager.createAndCacheVolume(id: "file:bench", imageIDs: ids)
            metadata.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            let events = streaming.events()
            streaming.start()
            var firstSlice: Double?
            for await event in events {
                if firstSlice == nil, case .sliceLoaded = event {
                    firstSlice = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                }
                if case .finished(let state) = event, state != .complete {
                    throw CommandError(message: "the series did not load completely: \(state)", status: .partialFailure)
                }
            }
            full.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            fullCPU.append(BenchSupport.cpuSeconds - cpuStart)
            first.append(firstSlice ?? .nan)
            voxelBytes = streaming.volume.buffer.byteCount
            if run == 0 { peak = BenchSupport.peakRSS - baseline }
            manager.release(volumeID: "file:bench")
            let rawRead = try BenchSupport.timeWithCPU {
                var sink = 0
                for url in files { sink &+= try Data(contentsOf: url).count }
                if sink < 0 { print(sink) }
            }
            raw.append(rawRead.wall)
            rawCPU.append(rawRead.cpu)
            let buffered = try BenchSupport.timeWithCPU { try Self.readBackToBack(files, bytes: bytes) }
            intoBuffer.append(buffered.wall)
            intoBufferCPU.append(buffered.cpu)
        }
        let f = BenchSupport.median(full), r = BenchSupport.median(raw)
        return Result(
            files: files.count, bytes: bytes, voxelBytes: voxelBytes, runs: runs,
            firstSliceSeconds: BenchSupport.median(first), metadataSeconds: BenchSupport.median(metadata),
            fullVolumeSeconds: f, rawReadSeconds: r, fullVolumeCPUSeconds: BenchSupport.median(fullCPU),
            rawReadCPUSeconds: BenchSupport.median(rawCPU),
            rawIntoBufferSeconds: BenchSupport.median(intoBuffer), rawIntoBufferCPUSeconds: BenchSupport.median(intoBufferCPU),
            loadMBps: Double(bytes) / 1e6 / f, fullOverRaw: f / r, fullOverRawIntoBuffer: f / BenchSupport.median(intoBuffer),
            peakRSSOverVoxelBytes: Double(peak) / Double(max(voxelBytes, 1)),
            dcm2niixSeconds: try dcm2niixTime())
    }

    /// Reads `files` whole, back to back, into one fresh buffer of `bytes` allocated as a volume's.
    private static func readBackToBack(_ files: [URL], bytes: Int) throws {
        let buffer = try VoxelBuffer(type: .uint16, count: max(1, (bytes + 1) / 2), limit: .max)
        var offset = 0
        for url in files {
            let fd = open(url.path, O_RDONLY)
            guard fd >= 0 else { throw CommandError.badInput("cannot open \(url.path)") }
            defer { close(fd) }
            while offset < buffer.byteCount {
                let n = read(fd, buffer.baseAddress + offset, buffer.byteCount - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }

    /// The median time of Debian's dcm2niix converting the same folder, when it is installed.
    private func dcm2niixTime() throws -> Double? {
        guard let tool = ["/usr/bin/dcm2niix", "/usr/local/bin/dcm2niix"].first(where: FileManager.default.isExecutableFile) else { return nil }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-dcm2niix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: out) }
        var times: [Double] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-z", "n", "-b", "n", "-o", out.path, "-f", "bench", folder.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            times.append(try BenchSupport.time {
                try process.run()
                process.waitUntilExit()
            })
        }
        return BenchSupport.median(times)
    }

    static func printTable(_ r: Result) {
        print("load benchmark: \(r.files) files, \(BenchSupport.mib(r.bytes)) → \(BenchSupport.mib(r.voxelBytes)) of voxels, median of \(r.runs) runs (warm page cache)")
        print("  machine            \(BenchSupport.machine)")
        print("  metadata phase     \(BenchSupport.ms(r.metadataSeconds))   (headers read, series assembled, volume allocated)")
        print("  first slice        \(BenchSupport.ms(r.firstSliceSeconds))")
        print("  full volume        \(BenchSupport.ms(r.fullVolumeSeconds))   \(String(format: "%.1f", r.loadMBps)) MB/s   cpu \(BenchSupport.ms(r.fullVolumeCPUSeconds))")
        print("  raw read           \(BenchSupport.ms(r.rawReadSeconds))   cpu \(BenchSupport.ms(r.rawReadCPUSeconds))")
        print("  raw read → buffer  \(BenchSupport.ms(r.rawIntoBufferSeconds))   cpu \(BenchSupport.ms(r.rawIntoBufferCPUSeconds))   (into one fresh buffer allocated as a volume's)")
        print(String(format: "  full / raw         %.2f×   (target ≤ 1.3×)", r.fullOverRaw))
        print(String(format: "  full / raw→buffer  %.2f×", r.fullOverRawIntoBuffer))
        print(String(format: "  peak RSS / voxels  %.2f    (target ≤ 1.25)", r.peakRSSOverVoxelBytes))
        if let d = r.dcm2niixSeconds { print("  dcm2niix (peer)    \(BenchSupport.ms(d))") }
    }
}
