import Foundation
import Loading
import Render
import Volume

/// What every job of one process shares: the loaders (files, and DICOMweb when configured and built with the
/// DICOMweb trait), one volume manager with one cache (so a byte budget holds across jobs), and one render engine
/// (one OSMesa context and its GL thread), started on first use. Jobs take it as a parameter; front ends make one
/// per process.
public final class LightboxSession: @unchecked Sendable {
    public let fileLoader: FileImageLoader
    public let manager: VolumeManager
    private let lock = NSLock()
    private var engine: RenderEngine?
    private var nextID = 0

    #if DICOMweb
    /// The loader for `dicomweb:` ids, when the front end configured one (credentials, decoders).
    public let dicomweb: DICOMwebLoader?

    public init(dicomweb: DICOMwebLoader? = nil, cache: ImageVolumeCache = ImageVolumeCache()) {
        self.dicomweb = dicomweb
        (fileLoader, manager) = Self.loaders(dicomweb.map { [$0] } ?? [], cache: cache)
    }
    #else
    public init(cache: ImageVolumeCache = ImageVolumeCache()) {
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
