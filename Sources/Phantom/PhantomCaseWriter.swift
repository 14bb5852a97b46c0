import DICOM
import Foundation

/// Writes `PhantomCase`s as DICOM Part 10 files (Explicit VR Little Endian) below an output folder: each series
/// of `PhantomCase.series` in its own folder, plus the case's extras (the DICOMDIR, the link folder, the copies).
/// The output is byte-identical from run to run; writing over an earlier run replaces its files.
public struct PhantomCaseWriter: Sendable {
    public init() {}

    /// What one case wrote.
    public struct Output: Sendable {
        public var phantomCase: PhantomCase
        /// The case's folders, in `series` order, then the link folder of `symlinks`.
        public var folders: [URL]
        /// Every regular file written: the images, then the DICOMDIR or the copies.
        public var files: [URL]
        /// The symbolic links made (`symlinks` only).
        public var links: [URL]
    }

    /// Writes every case in `cases`, in order, below `folder` (created if missing).
    @discardableResult
    public func write(_ cases: [PhantomCase], to folder: URL) throws(PhantomCaseError) -> [Output] {
        var outputs: [Output] = []
        for phantomCase in cases { outputs.append(try write(phantomCase, to: folder)) }
        return outputs
    }

    /// Writes one case below `folder` (created if missing), images in parallel.
    @discardableResult
    public func write(_ phantomCase: PhantomCase, to folder: URL) throws(PhantomCaseError) -> Output {
        let allSeries = phantomCase.series
        let jobs = allSeries.flatMap { series in
            series.images.map { (url: folder.appendingPathComponent(series.folder).appendingPathComponent($0.path), series: series, image: $0) }
        }
        for directory in Set(jobs.map { $0.url.deletingLastPathComponent().path }).sorted() {
            try Self.createFolder(URL(fileURLWithPath: directory))
        }
        let dataSets = PhantomCaseDataSets()
        let errors = ErrorBox<PhantomCaseError>()
        DispatchQueue.concurrentPerform(iterations: jobs.count) { n in
            let job = jobs[n]
            do throws(DICOMError) { try DICOMWriter().write(dataSets.dataSet(job.image, of: job.series), to: job.url) }
            catch { errors.record(.cannotWriteFile(path: job.url.path, reason: error.description)) }
        }
        if let error = errors.first { throw error }

        var output = Output(
            phantomCase: phantomCase, folders: allSeries.map { folder.appendingPathComponent($0.folder) },
            files: jobs.map(\.url), links: [])
        switch phantomCase {
        case .dicomdir:
            let url = folder.appendingPathComponent(allSeries[0].folder).appendingPathComponent("DICOMDIR")
            let data: Data
            do { data = try PhantomDICOMDIR.encode(allSeries[0], study: dataSets.study) }
            catch { throw .cannotWriteFile(path: url.path, reason: error.description) }
            try Self.write(data, to: url)
            output.files.append(url)
        case .symlinks:
            output.links = try PhantomCaseLinks.write(linkingTo: allSeries[0], below: folder)
            output.folders.append(folder.appendingPathComponent(PhantomCaseLinks.folder))
        case .duplicates:
            let seriesFolder = folder.appendingPathComponent(allSeries[0].folder)
            for (original, copy) in PhantomCase.duplicateCopies {
                let source = seriesFolder.appendingPathComponent(original), url = seriesFolder.appendingPathComponent(copy)
                let data: Data
                do { data = try Data(contentsOf: source) }
                catch { throw .cannotWriteFile(path: url.path, reason: "cannot read \(source.path) to copy it: \(error.localizedDescription)") }
                try Self.createFolder(url.deletingLastPathComponent())
                try Self.write(data, to: url)
                output.files.append(url)
            }
        default:
            break
        }
        return output
    }

    private static func createFolder(_ url: URL) throws(PhantomCaseError) {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        catch { throw .cannotCreateFolder(path: url.path, reason: error.localizedDescription) }
    }

    private static func write(_ data: Data, to url: URL) throws(PhantomCaseError) {
        do { try data.write(to: url, options: .atomic) }
        catch { throw .cannotWriteFile(path: url.path, reason: error.localizedDescription) }
    }
}
