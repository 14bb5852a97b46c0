import Foundation

/// `index.html` beside the thumbnails of an output folder: a grid with each series' thumbnail, description,
/// modality, slice count, status and warnings, from every report in the folder (`thumbnails.json` and the
/// shards' `thumbnails-shard-I-of-N.json`), so the page of a sharded run shows every shard finished so far.
/// Self-contained: inline style, thumbnails linked relatively.
public enum ThumbnailIndexPage {
    /// Writes `folder/index.html`; returns its URL.
    @discardableResult
    public static func write(folder: URL) throws(JobError) -> URL {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("thumbnails") && $0.hasSuffix(".json") }.sorted()
        let entries = names.compactMap { ThumbnailReport.load(folder.appendingPathComponent($0)) }.flatMap(\.entries)
        let series = entries.filter { $0.file == nil }.sorted { ($0.seriesInstanceUID ?? "") < ($1.seriesInstanceUID ?? "") }
        let files = entries.filter { $0.file != nil }
        let cards = series.map(card).joined(separator: "\n")
        let fileRows = files.map { "<li class=\"\($0.status.rawValue)\">\(Markup.escape($0.file ?? "")): \(Markup.escape($0.error ?? $0.status.rawValue))</li>" }
        let counts = Dictionary(grouping: series, by: \.status).mapValues(\.count)
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Thumbnails: \(series.count) series</title>
            <style>\(style)</style></head><body>
            <h1>\(series.count) series</h1>
            <p>\(counts[.ok] ?? 0) written, \(counts[.error] ?? 0) failed; files forming no series: \(files.count). Reports: \(names.map(Markup.escape).joined(separator: ", ")).</p>
            <div class="grid">
            \(cards)
            </div>
            \(fileRows.isEmpty ? "" : "<h2>Files</h2><ul>\n" + fileRows.joined(separator: "\n") + "\n</ul>")
            </body></html>

            """
        let url = folder.appendingPathComponent("index.html")
        try ReportFiles.write(Data(page.utf8), to: url)
        return url
    }

    private static func card(_ e: ThumbnailReport.Entry) -> String {
        let image = e.output.map { URL(fileURLWithPath: $0).lastPathComponent }.map {
            "<img src=\"\(Markup.relativeURL($0))\" alt=\"thumbnail\">"
        } ?? "<div class=\"none\">no thumbnail</div>"
        let notes = (e.warnings ?? []) + (e.error.map { [$0] } ?? [])
        return """
            <figure class="\(e.status.rawValue)">\(image)<figcaption>
            <b>\(Markup.escape(e.seriesDescription ?? "(no description)"))</b><br>
            \(Markup.escape(e.modality ?? "?")) · \(e.slices) slices · \(e.instances) images · <span class="status">\(e.status.rawValue)</span>
            \(notes.isEmpty ? "" : "<ul>" + notes.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>")
            <small>\(Markup.escape(e.seriesInstanceUID ?? ""))</small></figcaption></figure>
            """
    }

    private static let style = """
        body{font:14px system-ui,sans-serif;margin:16px;background:#fafafa;color:#222}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
        figure{margin:0;background:#fff;border:1px solid #ccc;padding:6px}figure.error{border-color:#b00}
        img{width:100%;image-rendering:pixelated;background:#000}.none{height:120px;background:#eee;display:flex;align-items:center;justify-content:center}
        figure.error .status{color:#b00;font-weight:bold}figure ul{margin:4px 0;padding-left:16px;color:#a60}
        small{display:block;color:#777;word-break:break-all}
        """
}
