#if DICOMweb
import DICOM
import Foundation
import Volume

/// Many slices at once (see `DICOMwebRetrieval`): series retrieves and frame lists, the leading slices one frame
/// request each at the same time when those are large, and one frame at a time for whatever they did not bring.
extension DICOMwebLoader: BatchImageLoader {
    public func loadPixels(of slices: [SliceMetadata], leading: Int, concurrency: Int,
                           deliver: @escaping @Sendable (Int, Result<any PixelPayload, any Error>) async -> Void) async {
        let once = OnceDelivery(deliver)
        let lead = Array(0..<min(max(leading, 0), slices.count))
        let rest = Array(lead.count..<slices.count)
        guard retrieval == .auto else {
            await oneByOne(lead, of: slices, concurrency: concurrency, deliver: once)
            await oneByOne(rest, of: slices, concurrency: concurrency, deliver: once)
            return
        }
        let plan = await self.plan(lead + rest, of: slices)
        // The leading slices one request each beside bulk requests (which bring them too), unless those are small
        // or this host delivers them quickly.
        let throughput = plan.series.first.flatMap { client.measuredThroughput(of: $0.id.url) }
            ?? plan.frameLists.first.flatMap { client.measuredThroughput(of: $0.image.url) }
        let separate = DICOMwebRetrieval.worthLeadingRequests(bulkBytes: plan.bulkBytes, throughput: throughput) ? lead : []
        let leading = Set(separate)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.oneByOne(separate, of: slices, concurrency: concurrency, deliver: once) }
            group.addTask { await self.run(plan, of: slices, besides: leading, concurrency: concurrency, deliver: once) }
        }
    }

    private func run(_ plan: Plan, of slices: [SliceMetadata], besides leading: Set<Int>, concurrency: Int,
                     deliver once: OnceDelivery) async {
        await withTaskGroup(of: Void.self) { group in
            for series in plan.series {
                group.addTask {
                    await self.retrieveSeries(series.id, wanted: series.wanted, partLimit: series.partLimit, slices: slices, deliver: once)
                    let missing = series.wanted.values.filter { !once.isDone($0) && !leading.contains($0) }.sorted()
                    await self.oneByOne(missing, of: slices, concurrency: concurrency, deliver: once)
                }
            }
            group.addTask {
                await self.oneByOne(plan.single.filter { !leading.contains($0) }, of: slices, concurrency: concurrency, deliver: once)
                for list in plan.frameLists where !Task.isCancelled {
                    let frames = list.frames.filter { !leading.contains($0.position) }
                    await self.retrieveFrames(list.image, frames, slices: slices, concurrency: concurrency, deliver: once)
                }
            }
        }
    }

    /// How the slices are asked for besides one by one.
    private struct Plan {
        /// One series retrieve per series: its wanted instances (SOP Instance UID → position) and the part bound.
        var series: [(id: DICOMwebID, wanted: [String: Int], partLimit: Int)] = []
        /// Frame lists per multi-frame instance: (1-based frame number, position), in order.
        var frameLists: [(image: DICOMwebID, frames: [(frame: Int, position: Int)])] = []
        /// One frame request each.
        var single: [Int] = []
        /// Pixel bytes the series retrieves and frame lists bring.
        var bulkBytes = 0.0
    }

    /// Groups the positions by series (single-frame instances) and instance (multi-frame ones) and decides,
    /// from the series metadata, where a series retrieve is worth it. Cheap: ids are cut at `/instances/`, sizes
    /// read from a few integer tags.
    private func plan(_ positions: [Int], of slices: [SliceMetadata]) async -> Plan {
        var plan = Plan()
        var bySeries: [(id: DICOMwebID, metadata: [String: DataSet], wanted: [String: Int], bytes: Double, largest: Double)] = []
        var seriesIndex: [String: Int?] = [:]
        var listIndex: [String: Int] = [:]
        for p in positions {
            // `…/instances/{uid}` (a frame id, `…/frames/{n}`, goes one by one).
            guard let (prefix, uid) = Self.seriesAndInstance(of: slices[p].imageID) else { plan.single.append(p); continue }
            if seriesIndex[prefix] == nil {
                if let id = try? DICOMwebID(parsing: prefix), let metadata = try? await seriesMetadata(id) {
                    seriesIndex[prefix] = bySeries.count
                    bySeries.append((id, metadata, [:], 0, 0))
                } else {
                    seriesIndex[prefix] = .some(nil)
                }
            }
            guard let s = seriesIndex[prefix] ?? nil, let dataSet = bySeries[s].metadata[uid] else { plan.single.append(p); continue }
            let size = Self.pixelBytes(dataSet)
            if size.frames > 1 {
                let image = bySeries[s].id.instance(uid)
                if listIndex[image.id] == nil { listIndex[image.id] = plan.frameLists.count; plan.frameLists.append((image, [])) }
                plan.frameLists[listIndex[image.id]!].frames.append((slices[p].frameIndex + 1, p))
                plan.bulkBytes += size.bytes / Double(size.frames)
                continue
            }
            guard bySeries[s].wanted[uid] == nil else { plan.single.append(p); continue }
            bySeries[s].wanted[uid] = p
            bySeries[s].bytes += size.bytes
            bySeries[s].largest = max(bySeries[s].largest, size.bytes)
        }
        for series in bySeries where !series.wanted.isEmpty {
            let refused = seriesRetrieveRefused.withLock { $0.contains(series.id.baseURL) }
            let seriesBytes = series.metadata.values.reduce(0) { $0 + Self.pixelBytes($1).bytes }
            if !refused, DICOMwebRetrieval.worthSeriesRetrieve(
                wantedBytes: series.bytes, seriesBytes: seriesBytes, wantedInstances: series.wanted.count) {
                let largest = series.largest < Double(1 << 40) ? Int(series.largest) : 1 << 40
                plan.series.append((series.id, series.wanted, DICOMwebRetrieval.partLimit(pixelBytes: largest)))
                plan.bulkBytes += seriesBytes
            } else {
                plan.single += series.wanted.values
            }
        }
        plan.single.sort()
        return plan
    }

    /// An instance id `…/instances/{uid}` cut into its series part and its UID; nil for any other id (a frame's).
    /// A scan of the bytes: `range(of:options: .backwards)` goes through NSString and was half of planning a series.
    static func seriesAndInstance(of imageID: String) -> (series: String, uid: String)? {
        let bytes = imageID.utf8
        let marker = "/instances".utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")),
              let start = bytes.index(slash, offsetBy: -marker.count, limitedBy: bytes.startIndex),
              bytes[start..<slash].elementsEqual(marker) else { return nil }
        let uid = imageID[bytes.index(after: slash)...]
        guard !uid.isEmpty else { return nil }
        return (String(imageID[..<start]), String(uid))
    }

    /// Pixel bytes and frames an instance's metadata declares (rows × columns × samples × bytes a sample × frames).
    private static func pixelBytes(_ dataSet: DataSet) -> (bytes: Double, frames: Int) {
        let frames = max(1, dataSet.int(.numberOfFrames) ?? 1)
        let sample = Double(((dataSet.int(.bitsAllocated) ?? 16) + 7) / 8)
        let pixels = Double(dataSet.int(.rows) ?? 0) * Double(dataSet.int(.columns) ?? 0) * Double(dataSet.int(.samplesPerPixel) ?? 1)
        return (pixels * sample * Double(frames), frames)
    }

    /// `positions` one frame request each, `concurrency` at once, in order.
    func oneByOne(_ positions: [Int], of slices: [SliceMetadata], concurrency: Int, deliver: OnceDelivery) async {
        guard !positions.isEmpty else { return }
        counters.withLock { $0.singleFrames += positions.count }
        await withTaskGroup(of: Void.self) { group in
            var next = 0
            func addNext() {
                guard next < positions.count, !Task.isCancelled else { return }
                let p = positions[next]
                next += 1
                group.addTask {
                    let result: Result<any PixelPayload, any Error>
                    do { result = .success(try await self.loadPixels(of: slices[p])) } catch { result = .failure(error) }
                    if await !deliver(p, result) { self.counters.withLock { $0.singleFramesUnused += 1 } }
                }
            }
            for _ in 0..<max(1, concurrency) { addNext() }
            while await group.next() != nil { addNext() }
        }
    }
}

/// Hands each slice to the volume once: the first of a frame request and a series retrieve part to bring it wins.
final class OnceDelivery: Sendable {
    private let deliver: @Sendable (Int, Result<any PixelPayload, any Error>) async -> Void
    private let done = LockedValue(Set<Int>())

    init(_ deliver: @escaping @Sendable (Int, Result<any PixelPayload, any Error>) async -> Void) { self.deliver = deliver }

    /// Delivers `result` for `position` unless it was delivered already; says whether it did.
    @discardableResult
    func callAsFunction(_ position: Int, _ result: Result<any PixelPayload, any Error>) async -> Bool {
        guard done.withLock({ $0.insert(position).inserted }) else { return false }
        await deliver(position, result)
        return true
    }

    func isDone(_ position: Int) -> Bool { done.withLock { $0.contains(position) } }
}
#endif
