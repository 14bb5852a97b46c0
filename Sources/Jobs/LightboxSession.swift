import Foundation
import Loading
import Render
import Volume

/// What every job of one process shares: the loaders (files, and DICOMweb when configured and built with the
/// DICOMweb trait), one volume manager with one cache (so a byte budget holds across jobs), and one render engine
/// (one OSMesa context and its GL thread), started on first use. Jobs take it as a parameter; front ends make one
/// per process. A long-lived front end (a server) asks it to keep series open between jobs (`keepsSeriesOpen`).
public final class LightboxSession: @unchecked Sendable {
    public let fileLoader: FileImageLoader
    public let manager: VolumeManager
    /// The series kept open between jobs, when the session was made with `keepsSeriesOpen`.
    let pool: OpenSeriesPool?
    private let lock = NSLock()
    private var engine: RenderEngine?
    private var nextID = 0

    #if DICOMweb
    /// The loader for `dicomweb:` ids, when the front end configured one (credentials, decoders).
    public let dicomweb: DICOMwebLoader?

    /// With `keepsSeriesOpen`, a released series stays open (and its volume cached) for the next job that asks for
    /// it, concurrent opens of one series share one stream, and idle series are closed least recently used first
    /// when the cache needs room; the first opener's retrieval order is the one streamed.
    public init(dicomweb: DICOMwebLoader? = nil, cache: ImageVolumeCache = ImageVolumeCache(), keepsSeriesOpen: Bool = false) {
        pool = keepsSeriesOpen ? OpenSeriesPool() : nil
        self.dicomweb = dicomweb
        (fileLoader, manager) = Self.loaders(dicomweb.map { [$0] } ?? [], cache: cache)
    }
    #else
    /// See the DICOMweb build's initializer; without the trait only files and NIfTI are loaded.
    public init(cache: ImageVolumeCache = ImageVolumeCache(), keepsSeriesOpen: Bool = false) {
        pool = keepsSeriesOpen ? OpenSeriesPool() : nil
        (fileLoader, manager) = Self.loaders([], cache: cache)
    }
    #endif

    /// The file and NIfTI loaders and `others`, over one manager and `cache`.
    private static func loaders(_ others: [any ImageLoader], cache: ImageVolumeCache) -> (FileImageLoader, VolumeManager) {
        let fileLoader = FileImageLoader()
        let loaders: [any ImageLoader] = [fileLoader, NIfTIImageLoader()] + others
        return (fileLoader, VolumeManager(registry: LoaderRegistry(loaders), cache: cache))
    }

    /// The shared render engine, started on first use.
    public func renderEngine() throws(JobError) -> RenderEngine {
        lock.lock()
        defer { lock.unlock() }
        if let engine { return engine }
        do {
            let made = try RenderEngine()
            engine = made
            return made
        } catch { throw .renderFailed(error.description) }
    }

    /// How the open-series pool has been used (all zero without `keepsSeriesOpen`).
    public var openSeriesStatistics: OpenSeriesStatistics {
        pool?.statistics ?? OpenSeriesStatistics(open: 0, inUse: 0, streaming: 0, hits: 0, misses: 0, evictions: 0)
    }

    /// The render engine when one was started (releasing a volume must not start one).
    var startedEngine: RenderEngine? { lock.withLock { engine } }

    /// A volume id no other job of this session uses: `scheme:name#n`.
    func uniqueVolumeID(_ name: String) -> String {
        lock.withLock {
            nextID += 1
            return "\(name)#\(nextID)"
        }
    }
}
