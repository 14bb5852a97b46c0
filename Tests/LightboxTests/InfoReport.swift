import Foundation

/// The part of `lightbox info --json` the real-data tests read: series, their stacks and volumes with geometry.
struct InfoReport: Decodable {
    struct Series: Decodable {
        var seriesInstanceUID: String
        var modality: String?
        var stacks: [Stack]
        var problems: [String]
    }

    struct Stack: Decodable {
        var index: Int
        var volumes: [Volume]
    }

    struct Volume: Decodable {
        var index: Int
        var label: String
        var slices: Int
        /// Columns, rows, slices; absent when the volume could not be placed in space.
        var dimensions: [Int]?
        /// The eight corner voxel centres, LPS mm, at the slices' true positions.
        var cornersLPS: [[Double]]?
        var tiltDegrees: Double?
        var problems: [String]
    }

    var series: [Series]

    /// Stack 0 volume 0 of the only series, the volume `render` draws by default.
    var defaultVolume: Volume? {
        guard series.count == 1 else { return nil }
        return series[0].stacks.first?.volumes.first
    }

    /// Runs `lightbox info --json path`. Nil with the reason when it printed no report (no readable series).
    static func of(_ path: URL) throws -> (report: InfoReport?, reason: String) {
        let result = try CLI.run(["info", "--json", path.path])
        guard let data = result.stdout.data(using: .utf8), !result.stdout.isEmpty else {
            return (nil, "info exited \(result.status): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return (try JSONDecoder().decode(InfoReport.self, from: data), "")
    }
}
