import DICOM
import Foundation
import Volume

/// Many slices at once (see `DICOMwebRetrieval`): the leading slices one frame request each, then series
/// retrieves and frame lists for the rest, and one frame at a time for whatever those did not bring.
extension DICOMwebLoader: BatchImageLoader {
    public typealias Delivery = @Sendable (Int, Result<any PixelPayload, any Error>) async -> Void

    public func loadPixels(of slices: [SliceMetadata], leading: Int, concurrency: Int, deliver: @escaping Delivery) async {
        let lead = Array(0..<min(max(leading, 0), slices.count))
        let rest = Array(lead.count..<slices.count)
        // The rest is asked for at once (its request's round trip overlaps the leading ones) but delivered after them.
        let first = Task { await self.oneByOne(lead, of: slices, concurrency: concurrency, deliver: deliver) }
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await first.value }
                group.addTask { await self.inBulk(rest, of: slices, concurrency: concurrency, after: first, deliver: deliver) }
            }
        } onCancel: {
            first.cancel()
        }
    }

    /// How the slices after the leading ones are asked for.
    private struct Plan {
        /// One series retrieve per series: its wanted instances (SOP Instance UID → position) and the part bound.
        var series: [(id: DICOMwebID, wanted: [String: Int], partLimit: Int)] = []
        /// Frame lists per multi-frame instance: (1-based frame number, position), in order.
        var frameLists: [(image: DICOMwebID, frames: [(frame: Int, position: Int)])] = []
        /// One frame request each.
        var single: [Int] = []
    }

    private func inBulk(_ positions: [Int], of slices: [SliceMetadata], concurrency: Int,
                        after first: Task<Void, Never>, deliver: @escaping Delivery) async {
        let plan = retrieval == .auto ? await plan(positions, of: slices) : Plan(single: positions)
        await withTaskGroup(of: Void.self) { group in
            for series in plan.series {
                group.addTask {
                    let missing = await self.retrieveSeries(
                        series.id, wanted: series.wanted, partLimit: series.partLimit, slices: slices, after: first, deliver: deliver)
                    await first.value
                    await self.oneByOne(missing, of: slices, concurrency: concurrency, deliver: deliver)
                }
            }
            group.addTask {
                await first.value
                await self.oneByOne(plan.single, of: slices, concurrency: concurrency, deliver: deliver)
                for list in plan.frameLists where !Task.isCancelled {
                    await self.retrieveFrames(list.image, list.frames, slices: slices, concurrency: concurrency, deliver: deliver)
                }
            }
        }
    }

    /// Groups the positions by series (single-frame instances) and instance (multi-frame ones) and decides,
    /// from the metadata, where a series retrieve is worth it.
    private func plan(_ positions: [Int], of slices: [SliceMetadata]) async -> Plan {
        var plan = Plan()
        var bySeries: [(id: DICOMwebID, wanted: [String: Int], bytes: Int, largest: Int)] = []
        var seriesIndex: [String: Int] = [:]
        var listIndex: [String: Int] = [:]
        for p in positions {
            guard let id = try? DICOMwebID(parsing: slices[p].imageID), let uid = id.instanceUID, id.frame == nil,
                  let description = try? await pixelDescription(id.image, instanceUID: uid)
            else { plan.single.append(p); continue }
            if description.numberOfFrames > 1 {
                let key = id.image.id
                if listIndex[key] == nil { listIndex[key] = plan.frameLists.count; plan.frameLists.append((id.image, [])) }
                plan.frameLists[listIndex[key]!].frames.append((slices[p].frameIndex + 1, p))
                continue
            }
            let key = id.series.id
            if seriesIndex[key] == nil { seriesIndex[key] = bySeries.count; bySeries.append((id.series, [:], 0, 0)) }
            let s = seriesIndex[key]!
            guard bySeries[s].wanted[uid] == nil else { plan.single.append(p); continue }
            bySeries[s].wanted[uid] = p
            bySeries[s].bytes += description.storedBytesForAllFrames
            bySeries[s].largest = max(bySeries[s].largest, description.storedBytesForAllFrames)
        }
        for series in bySeries {
            let refused = seriesRetrieveRefused.withLock { $0.contains(series.id.baseURL) }
            let seriesBytes = (try? await seriesMetadata(series.id))?.values.reduce(0) { total, dataSet in
                total + ((try? PixelDescription(dataSet: dataSet))?.storedBytesForAllFrames ?? 0)
            }
            if !refused, let seriesBytes, DICOMwebRetrieval.worthSeriesRetrieve(
                wantedBytes: series.bytes, seriesBytes: seriesBytes, wantedInstances: series.wanted.count) {
                plan.series.append((series.id, series.wanted, DICOMwebRetrieval.partLimit(pixelBytes: series.largest)))
            } else {
                plan.single += series.wanted.values
            }
        }
        plan.single.sort()
        return plan
    }

    /// `positions` one frame request each, `concurrency` at once, in order.
    func oneByOne(_ positions: [Int], of slices: [SliceMetadata], concurrency: Int, deliver: @escaping Delivery) async {
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
                    await deliver(p, result)
                }
            }
            for _ in 0..<max(1, concurrency) { addNext() }
            while await group.next() != nil { addNext() }
        }
    }
}
