import Foundation

/// The JSON report of a thumbnails run: one entry per series, per unreadable file and per DICOM object without
/// an image. A later run of the same shard reads it to resume; `ThumbnailReportMerge` joins the reports of all shards.
public struct ThumbnailReport: Codable, Sendable {
    /// What happened to one series or one file.
    public struct Entry: Codable, Sendable {
        /// ok: written; skipped: a file that is a DICOM object without an image (e.g. SR, RT plan, DICOMDIR),
        /// so no series, with the reason in `error`; error: it failed.
        public enum Status: String, Codable, Sendable { case ok, skipped, error }
        public var seriesInstanceUID: String?
        public var studyInstanceUID: String?
        public var patientID: String?
        public var modality: String?
        public var seriesDescription: String?
        public var instances: Int
        public var slices: Int
        /// What the picture shows: "middle slice", "MIP", "image"; with segmentations e.g. "middle slice with 1 segmentation".
        public var kind: String?
        /// The thumbnail's path relative to the report's folder, as the layout places it (e.g. `3f/a2/1.2.3.png`).
        public var output: String?
        public var status: Status
        public var error: String?
        public var warnings: [String]?
        /// The segmentation files drawn on the thumbnail (`thumbnails --seg-from`), by name.
        public var segmentations: [String]?
        /// The file, for entries about a file that could not be read or holds no image.
        public var file: String?

        public init(
            seriesInstanceUID: String? = nil, studyInstanceUID: String? = nil, patientID: String? = nil, modality: String? = nil,
            instances: Int, slices: Int, kind: String? = nil, output: String? = nil, status: Status, error: String? = nil,
            warnings: [String]? = nil, file: String? = nil, seriesDescription: String? = nil
        ) {
            self.seriesInstanceUID = seriesInstanceUID
            self.studyInstanceUID = studyInstanceUID
            self.patientID = patientID
            self.modality = modality
            self.instances = instances
            self.slices = slices
            self.kind = kind
            self.output = output
            self.status = status
            self.error = error
            self.warnings = warnings
            self.file = file
            self.seriesDescription = seriesDescription
        }
    }

    /// The shard the run processed, "i/n" ("0/1" for the whole archive and for a merged report).
    public var shard: String
    /// How the thumbnails are placed below the report's folder.
    public var layout: ThumbnailLayout
    public var entries: [Entry]

    public init(shard: String, layout: ThumbnailLayout, entries: [Entry]) {
        self.shard = shard
        self.layout = layout
        self.entries = entries
    }

    /// Reads a report written by an earlier run, or nil when there is none or it cannot be read.
    public static func load(_ url: URL) -> ThumbnailReport? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ThumbnailReport.self, from: data)
    }

    /// The series entries written successfully whose thumbnail still exists below `folder` (the report's), by
    /// series UID: what a resumed run with `layout` keeps. A report of another layout keeps nothing.
    public func finished(layout: ThumbnailLayout, in folder: URL) -> [String: Entry] {
        guard layout == self.layout else { return [:] }
        var kept: [String: Entry] = [:]
        for entry in entries {
            guard let uid = entry.seriesInstanceUID, entry.status == .ok,
                  entry.output.map({ FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }) == true else { continue }
            kept[uid] = entry
        }
        return kept
    }

    /// Writes the report atomically, one compact entry per line. Entries are encoded one by one: encoding the
    /// whole report at once built a JSON tree several times the size of the text (the peak of a thumbnails run).
    public func save(_ url: URL) throws(JobError) {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var text = Data("{\n  \"shard\" : ".utf8) + (try encoder.encode(shard)) + Data(",\n  \"layout\" : ".utf8)
            text += try encoder.encode(layout) + Data(",\n  \"entries\" : [".utf8)
            for (index, entry) in entries.enumerated() {
                text.append(contentsOf: (index == 0 ? "\n    " : ",\n    ").utf8)
                text.append(try encoder.encode(entry))
            }
            text.append(contentsOf: "\n  ]\n}\n".utf8)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, options: .atomic)
        } catch {
            throw .badInput("cannot write the report \(url.path): \(error.localizedDescription)")
        }
    }
}
