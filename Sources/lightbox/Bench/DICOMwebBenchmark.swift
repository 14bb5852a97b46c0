#if DICOMweb
import Foundation
import Loading
import Render
import Volume

/// `lightbox bench dicomweb SERIES`: one series from one DICOMweb server, fetched every way in the same run:
/// the series retrieve read plainly (no parsing: the baseline), one request per frame at several concurrencies
/// (read plainly too), and Lightbox streaming it into a volume, with the series retrieve (the default) and one
/// request per frame. Throughput is the series retrieve's bytes over each median time.
struct DICOMwebBenchmark {
    struct Figure: Encodable {
        var name: String
        var milliseconds: Double
        /// Series-retrieve bytes (the same for every row) per second, in MB (10^6 bytes).
        var megabytesPerSecond: Double
        /// Body bytes of one run of this row.
        var bytes: Int
        var requests: Int
    }

    struct Result: Encodable {
        var machine: String
        var renderer: String
        var series: String
        var instances: Int
        var slices: Int
        var seriesBytes: Int
        var runs: Int
        /// Opening the volume in Lightbox: the series metadata fetched, the series assembled, the volume allocated.
        var openMilliseconds: Double
        var figures: [Figure]
        /// Lightbox's stream (series retrieve): when its first slice, and its first stage (the anchors), had arrived.
        var firstSliceMilliseconds: Double
        var firstStageMilliseconds: Double
        /// Lightbox's stream over the plain series retrieve, as throughput (bulk time / stream time).
        var lightboxOverBulk: Double
    }

    var series: String
    var runs: Int
    var loader: DICOMwebLoader
    var concurrencies = [1, 2, 8]
    /// Only the rows whose name contains one of these `|`-separated texts (case-insensitive); nil: every row.
    var filter: String? = nil

    private func wanted(_ name: String) -> Bool { BenchSupport.rowWanted(name, filter: filter) }

    func run() async throws -> Result {
        let id = try DICOMwebID(parsing: series).series
        let client = loader.client
        let imageIDs = try await loader.imageIDs(ofSeries: id.id)
        var frameURLs: [String] = []
        for imageID in imageIDs {
            let image = try DICOMwebID(parsing: imageID)
            frameURLs += try await loader.loadMetadata(imageID: imageID).map { image.frameURL($0.frameIndex + 1) }
        }
        let perFrame = DICOMwebLoader(client: client, frameRequest: loader.frameRequest, frameDecoders: loader.frameDecoders,
                                      retrieval: .perFrame)
        // Warm-up: the server's files in the page cache, connections open.
        let seriesBytes = try await client.drain(id.url, accept: loader.seriesRetrieveAccept)
        var times: [String: [Double]] = [:], bytes: [String: Int] = [:], requests: [String: Int] = [:]
        var open: [Double] = [], firstSlices: [Double] = [], firstStages: [Double] = [], slices = 0
        func timed(_ name: String, _ body: () async throws -> Void) async throws {
            let before = client.statistics
            times[name, default: []].append(try await BenchSupport.time(body))
            let after = client.statistics
            bytes[name] = after.bodyBytes - before.bodyBytes
            requests[name] = after.attempts - before.attempts
        }
        func stream(_ loader: DICOMwebLoader, _ name: String) async throws {
            guard name == "warm-up" || wanted(name) else { return }
            loader.forgetMetadata()
            let manager = VolumeManager(registry: LoaderRegistry([loader]), cache: ImageVolumeCache(budgetBytes: Int.max))
            let start = DispatchTime.now().uptimeNanoseconds
            let streaming = try await manager.createAndCacheVolume(dicomwebSeries: id.id)
            if name == Self.lightbox { open.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
            slices = streaming.volume.sliceCount
            var state = VolumeLoadState.complete
            // When the first slice and the first stage (the anchors) arrived, watched while the stream runs.
            let events = streaming.events()
            let loadStart = DispatchTime.now().uptimeNanoseconds
            let watcher = Task { () -> (slice: Double?, stage: Double?) in
                var firstSlice: Double?, firstStage: Double?
                for await event in events {
                    let at = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
                    if case .sliceLoaded = event, firstSlice == nil { firstSlice = at }
                    if case .stageFinished = event, firstStage == nil { firstStage = at }
                }
                return (firstSlice, firstStage)
            }
            try await timed(name) { state = await streaming.load() }
            let (firstSlice, firstStage) = await watcher.value
            if name == Self.lightbox { firstSlices.append(firstSlice ?? .nan); firstStages.append(firstStage ?? .nan) }
            manager.release(volumeID: id.id)
            guard state == .complete else {
                throw CommandError(message: "\(id.id) did not stream completely: \(state)", status: .partialFailure)
            }
        }
        try await stream(loader, "warm-up")
        for _ in 0..<runs {
            for concurrency in concurrencies where wanted("one request per frame, \(concurrency) at once") {
                try await timed("one request per frame, \(concurrency) at once") {
                    try await Self.drain(frameURLs, accept: loader.frameAccept, concurrency: concurrency, client: client)
                }
            }
            try await stream(perFrame, "Lightbox, one request per frame (6 at once)")
        }
        // The two rows of the ratio alternate in a loop of their own: what other requests leave in the server's caches
        // (Orthanc keeps recently read files) then favours neither (after the per-frame rows, the plain read of the CT
        // took 108 ms where it took 130-170 ms after a stream).
        for _ in 0..<runs {
            if wanted(Self.bulk) {
                try await timed(Self.bulk) { _ = try await client.drain(id.url, accept: loader.seriesRetrieveAccept) }
            }
            try await stream(loader, Self.lightbox)
        }
        let names = ([Self.bulk] + concurrencies.map { "one request per frame, \($0) at once" }
            + [Self.lightbox, "Lightbox, one request per frame (6 at once)"]).filter(wanted)
        let figures = names.map { name in
            let seconds = BenchSupport.median(times[name] ?? [])
            return Figure(name: name, milliseconds: seconds * 1000, megabytesPerSecond: Double(seriesBytes) / 1e6 / seconds,
                          bytes: bytes[name] ?? 0, requests: requests[name] ?? 0)
        }
        let renderer = (try? await RenderEngine().rendererDescription()) ?? "unavailable"
        return Result(
            machine: BenchSupport.machine, renderer: renderer + " (not used: nothing is drawn)", series: id.id,
            instances: imageIDs.count, slices: slices, seriesBytes: seriesBytes, runs: runs,
            openMilliseconds: BenchSupport.median(open) * 1000, figures: figures,
            firstSliceMilliseconds: BenchSupport.median(firstSlices) * 1000, firstStageMilliseconds: BenchSupport.median(firstStages) * 1000,
            lightboxOverBulk: BenchSupport.median(times[Self.bulk] ?? []) / BenchSupport.median(times[Self.lightbox] ?? []))
    }

    static let bulk = "series retrieve, plain read (baseline)"
    static let lightbox = "Lightbox stream into a volume (series retrieve)"

    /// Reads every URL's body plainly, `concurrency` requests at once.
    private static func drain(_ urls: [String], accept: String, concurrency: Int, client: DICOMwebClient) async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            var next = 0
            func addNext() {
                guard next < urls.count else { return }
                let url = urls[next]
                next += 1
                group.addTask { try await client.drain(url, accept: accept) }
            }
            for _ in 0..<concurrency { addNext() }
            while try await group.next() != nil { addNext() }
        }
    }

    static func printTable(_ r: Result) {
        print("DICOMweb benchmark: \(r.series)")
        print("  \(r.instances) instances, \(r.slices) slices, series retrieve \(BenchSupport.mib(r.seriesBytes)); median of \(r.runs) runs")
        print("  machine   \(BenchSupport.machine)")
        print("  renderer  \(r.renderer)")
        print("  open (metadata, assembly, allocation)  \(BenchSupport.ms(r.openMilliseconds / 1000))")
        for f in r.figures {
            let name = f.name.padding(toLength: 50, withPad: " ", startingAt: 0)
            print(String(format: "  %@ %9.2f ms  %8.1f MB/s  %5d requests  %@", name, f.milliseconds, f.megabytesPerSecond, f.requests, BenchSupport.mib(f.bytes)))
        }
        print("  Lightbox stream: first slice after \(BenchSupport.ms(r.firstSliceMilliseconds / 1000)), first stage (anchors) after \(BenchSupport.ms(r.firstStageMilliseconds / 1000))")
        print(String(format: "  Lightbox / bulk (throughput)  %.2f×   (target ≥ 0.8×)", r.lightboxOverBulk))
    }
}
#endif
