import Foundation

/// The JSON report of a thumbnails run: one entry per series, per unreadable file and per DICOM object without
/// an image.
struct ThumbnailReport: Codable {
    struct Entry: Codable {
        /// ok: written; skipped: a file that is a DICOM object without an image (e.g. SR, RT plan, DICOMDIR),
        /// so no series, with the reason in `error`; error: it failed.
        enum Status: String, Codable { case ok, skipped, error }
        var seriesInstanceUID: String?
        var studyInstanceUID: String?
        var patientID: String?
        var modality: String?
        var instances: Int
        var slices: Int
        /// What the picture shows: "middle slice", "MIP", "image".
        var kind: String?
        var output: String?
        var status: Status
        var error: String?
        var warnings: [String]?
        /// The file, for entries about a file that could not be read or holds no image.
        var file: String?
    }

    var shard: String
    var entries: [Entry]

    /// Reads a report written by an earlier run, or nil when there is none or it cannot be read.
    static func load(_ url: URL) -> ThumbnailReport? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(ThumbnailReport.self, from: data)
    }

    /// Writes the report atomically, one compact entry per line. Entries are encoded one by one: encoding the
    /// whole report at once built a JSON tree several times the size of the text (the peak of a thumbnails run).
    func save(_ url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = Data("{\n  \"shard\" : ".utf8) + (try encoder.encode(shard)) + Data(",\n  \"entries\" : [".utf8)
        for (index, entry) in entries.enumerated() {
            text.append(contentsOf: (index == 0 ? "\n    " : ",\n    ").utf8)
            text.append(try encoder.encode(entry))
        }
        text.append(contentsOf: "\n  ]\n}\n".utf8)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, options: .atomic)
    }
}

/// Which share of an archive a run processes: series whose UID hashes to `index` modulo `count`.
struct Shard: Equatable {
    var index: Int
    var count: Int

    static let whole = Shard(index: 0, count: 1)

    /// Parses "i/n" with 0 ≤ i < n.
    init(_ text: String) throws {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] >= 1, (0..<parts[1]).contains(parts[0]) else {
            throw CommandError.badInput("--shard must be i/n with 0 ≤ i < n, e.g. 0/4 (got '\(text)')")
        }
        self.init(index: parts[0], count: parts[1])
    }

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// True when this shard owns `key`: FNV-1a 64 of the key, so every machine agrees without coordination.
    func owns(_ key: String) -> Bool {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) == index
    }

    var description: String { "\(index)/\(count)" }
}
