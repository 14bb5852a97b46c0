import ArgumentParser
import Foundation
import Jobs
import Loading
import Raster
import Render

/// `lightbox thumbnails`: one picture per series over a whole archive, resumable and shardable.
struct ThumbnailsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thumbnails",
        abstract: "Write one thumbnail per DICOM series found under a folder, with a JSON report.",
        discussion: """
            Walks nested folders (following symbolic links; non-DICOM files are ignored), groups image instances \
            into series and writes \
            OUTDIR/<SeriesInstanceUID>.png: the middle slice of a volume, a whole-volume MIP for PET, or the \
            image of a single-image series. The report (OUTDIR/thumbnails.json, or thumbnails-shard-I-of-N.json) \
            lists every series with its UIDs, modality, slice count, output, status and error, every unreadable \
            file, and every DICOM object without an image (DICOMDIR, SR, presentation state…) as skipped.
            Runs resume: series whose thumbnail and report entry exist are skipped unless --force.
            --shard i/n takes a fixed share of the series (by a hash of the UID), so array jobs split an archive \
            with no coordinator.
            Exit codes: 0 all fine; 2 bad usage; 3 some files or series failed (the rest were written).

            With --dicomweb the series come from a DICOMweb server (QIDO-RS listing); only each series' middle             slice is fetched (the whole series for a PET MIP).

            Example: lightbox thumbnails /archive -o /thumbs --size 128 --jobs 2 --shard 0/4
            """
    )

    @Argument(help: ArgumentHelp("The archive folder (searched recursively); not with --dicomweb.", valueName: "archive"))
    var archive: String?
    @Option(help: ArgumentHelp("Take the series from a DICOMweb server instead: its WADO-RS/QIDO-RS root, e.g. https://pacs/dicom-web.", valueName: "url"))
    var dicomweb: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the thumbnails and the report (created if missing).", valueName: "dir"))
    var output: String
    @Option(parsing: .numeric, help: ArgumentHelp("Thumbnail width and height in pixels.", valueName: "px"))
    var size = 128
    @Option(parsing: .numeric, help: ArgumentHelp("Series processed in parallel.", valueName: "n"))
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(parsing: .numeric, help: ArgumentHelp("Process share i of n (0-based), e.g. 2/8.", valueName: "i/n"))
    var shard: String?
    @Flag(help: "Redo series that already have a thumbnail and a report entry.")
    var force = false
    @OptionGroup var credentials: DICOMwebOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (archive == nil) != (dicomweb == nil) else { throw ValidationError("give an archive folder or --dicomweb URL (one of them)") }
        guard (16...2048).contains(size) else { throw ValidationError("--size must be 16…2048 pixels (got \(size))") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1…64 (got \(jobs))") }
        if let shard { do { _ = try Shard(shard) } catch let error as CommandError { throw ValidationError(error.message) } }
    }

    func run() async throws {
        do { try await generate() } catch let error as CommandError { error.exit() }
    }

    private func generate() async throws {
        let logger = global.makeLogger("lightbox.thumbnails")
        let share = try shard.map(Shard.init) ?? .whole
        let folder = URL(fileURLWithPath: output)
        let reportURL = folder.appendingPathComponent(share == .whole ? "thumbnails.json" : "thumbnails-shard-\(share.index)-of-\(share.count).json")
        let scanner = SeriesScanner()
        let loader = credentials.makeLoader()
        let jobs: [ThumbnailJob]
        var unreadableFiles: [SeriesScanner.Failure] = []
        var nonImageObjects: [SeriesScanner.NonImageObject] = []
        var skippedFiles: [String] = []
        var brokenLinks: [String] = []
        if let dicomweb {
            do { jobs = try await loader.listSeries(root: dicomweb).map(ThumbnailJob.dicomweb) }
            catch { throw CommandError.badInput("cannot list the series of \(dicomweb): \(error)") }
        } else {
            let listing: FileListing
            do { listing = try FileListing(under: [URL(fileURLWithPath: archive ?? ".")]) } catch { throw CommandError.badInput(String(describing: error)) }
            // Index first (series UID and modality per file, no headers kept), then read each series' headers when
            // it is processed, so peak memory does not grow with the archive.
            let scan = scanner.index(listing.paths)
            jobs = scan.series.map(ThumbnailJob.files)
            unreadableFiles = scan.failures
            nonImageObjects = scan.nonImage
            skippedFiles = scan.skipped
            brokenLinks = listing.brokenLinks
        }
        let mine = jobs.filter { share.owns($0.seriesInstanceUID) }
        let previous = force ? nil : ThumbnailReport.load(reportURL)
        var kept: [String: ThumbnailReport.Entry] = [:]
        for entry in previous?.entries ?? [] {
            guard let uid = entry.seriesInstanceUID else { continue }
            if entry.status == .ok, entry.output.map({ FileManager.default.fileExists(atPath: $0) }) == true { kept[uid] = entry }
        }
        let todo = mine.filter { kept[$0.seriesInstanceUID] == nil }
        logger.debug("\(jobs.count) series in the archive, \(mine.count) in shard \(share.description), \(todo.count) to do")

        let engine = todo.contains { $0.modality == "PT" || dicomweb != nil } ? try? RenderEngine() : nil
        let maker = ThumbnailMaker(size: size, engine: engine)
        let bar = ProgressBar(label: "thumbnails", unit: "series", total: todo.count, quiet: global.quiet)
        var made: [ThumbnailReport.Entry] = []
        await withTaskGroup(of: ThumbnailReport.Entry.self) { group in
            var next = 0
            func addNext() {
                guard next < todo.count else { return }
                let job = todo[next]
                next += 1
                group.addTask {
                    switch job {
                    case .files(let series): return await Self.thumbnail(series, scanner: scanner, maker: maker, folder: folder)
                    case .dicomweb(let listing): return await Self.thumbnail(listing, loader: loader, maker: maker, folder: folder)
                    }
                }
            }
            for _ in 0..<self.jobs { addNext() }
            while let entry = await group.next() {
                made.append(entry)
                bar.update(made.count)
                addNext()
            }
        }
        let unreadable = unreadableFiles.filter { share.owns($0.path) }.map {
            ThumbnailReport.Entry(instances: 1, slices: 0, status: .error, error: $0.error.description, file: $0.path)
        }
        let nonImage = nonImageObjects.filter { share.owns($0.path) }.map {
            ThumbnailReport.Entry(instances: 1, slices: 0, status: .skipped, error: $0.reason, file: $0.path)
        }
        let entries = (Array(kept.values) + made).sorted { ($0.seriesInstanceUID ?? "") < ($1.seriesInstanceUID ?? "") } + unreadable + nonImage
        do { try ThumbnailReport(shard: share.description, entries: entries).save(reportURL) }
        catch { throw CommandError(message: "cannot write the report \(reportURL.path): \(error.localizedDescription)", status: .badUsage) }

        let failed = made.filter { $0.status == .error }.count + unreadable.count
        if !global.quiet {
            let written = made.filter { $0.status == .ok }.count
            let skipped = SkippedFiles(nonDICOM: skippedFiles.filter(share.owns).count, nonImage: nonImage.count,
                                       brokenLinks: brokenLinks.filter(share.owns).count).summary.map { "; \($0)" } ?? ""
            print("\(mine.count) series in shard \(share.description): \(written) written, \(kept.count) already done, \(failed) failed\(skipped); report \(reportURL.path)")
        }
        if failed > 0 { throw ExitCode(ExitStatus.partialFailure.rawValue) }
    }

    private static func thumbnail(_ entry: SeriesScanner.SeriesIndex, scanner: SeriesScanner, maker: ThumbnailMaker,
                                  folder: URL) async -> ThumbnailReport.Entry {
        let (loaded, failures) = scanner.load(entry)
        guard let series = loaded else {
            return ThumbnailReport.Entry(seriesInstanceUID: entry.seriesInstanceUID, modality: entry.modality, instances: entry.paths.count,
                                         slices: 0, status: .error,
                                         error: failures.map(\.error.description).joined(separator: "; ").nonEmpty ?? "no file of the series reads any more")
        }
        let ds = series.representative
        var entry = ThumbnailReport.Entry(
            seriesInstanceUID: series.seriesInstanceUID, studyInstanceUID: ds.string(.studyInstanceUID), patientID: ds.string(.patientID),
            modality: series.modality, instances: series.instances.count, slices: 0, status: .ok)
        do {
            let (frame, kind, slices, warnings) = try await maker.make(series)
            let url = folder.appendingPathComponent(Self.fileName(series.seriesInstanceUID))
            try PNGCodec.write(frame, to: url)
            entry.kind = kind
            entry.slices = slices
            entry.output = url.path
            entry.warnings = warnings.isEmpty ? nil : warnings
        } catch {
            entry.status = .error
            entry.error = String(describing: error)
        }
        return entry
    }

    private static func thumbnail(_ listing: DICOMwebSeriesListing, loader: DICOMwebLoader, maker: ThumbnailMaker,
                                  folder: URL) async -> ThumbnailReport.Entry {
        var entry = ThumbnailReport.Entry(
            seriesInstanceUID: listing.seriesInstanceUID, studyInstanceUID: listing.studyInstanceUID, modality: listing.modality,
            instances: listing.instances ?? 0, slices: 0, status: .ok)
        do {
            guard let engine = maker.engine else { throw CommandError(message: "no renderer for DICOMweb thumbnails", status: .badUsage) }
            let (frame, kind, slices) = try await maker.make(dicomweb: listing, loader: loader, engine: engine)
            let url = folder.appendingPathComponent(Self.fileName(listing.seriesInstanceUID))
            try PNGCodec.write(frame, to: url)
            entry.kind = kind
            entry.slices = slices
            entry.output = url.path
        } catch {
            entry.status = .error
            entry.error = String(describing: error)
        }
        return entry
    }

    /// A file name from a UID (UIDs are digits and dots; anything else is replaced).
    static func fileName(_ uid: String) -> String {
        String(uid.map { $0.isNumber || $0 == "." ? $0 : "_" }) + ".png"
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// One series for the thumbnails job: from files on disk or from a DICOMweb server.
enum ThumbnailJob: Sendable {
    case files(SeriesScanner.SeriesIndex)
    case dicomweb(DICOMwebSeriesListing)

    var seriesInstanceUID: String {
        switch self {
        case .files(let index): return index.seriesInstanceUID
        case .dicomweb(let listing): return listing.seriesInstanceUID
        }
    }

    var modality: String? {
        switch self {
        case .files(let index): return index.modality
        case .dicomweb(let listing): return listing.modality
        }
    }
}
