import Foundation
import Raster

/// A golden suite run as one self-contained HTML page for people: a summary table, failures first, then each pair's
/// expected, actual and diff images side by side with a slider and a blink view. The images are copied into the
/// report's folder (`expected/`, `actual/`, `diff/`, mirroring each pair's relative path) and linked relatively, and
/// the page's script and style are inline, so the folder works opened from disk or as a CI artifact, offline.
public enum DiffReportPage {
    /// Writes `index.html` and the images into `folder`; returns the page's URL.
    @discardableResult
    public static func write(_ report: GoldenSuiteReport, to folder: URL) throws(JobError) -> URL {
        var sections: [String] = []
        for (index, entry) in report.entriesFailuresFirst.enumerated() {
            let images = try copyImages(of: entry, into: folder)
            sections.append(section(entry, index: index, images: images))
        }
        let page = html(report, rows: report.entriesFailuresFirst.enumerated().map { row($1, index: $0) }, sections: sections)
        let url = folder.appendingPathComponent("index.html")
        try ReportFiles.write(Data(page.utf8), to: url)
        return url
    }

    /// The report's relative paths of a pair's images (nil for an image that does not exist).
    struct Images { var expected: String?, actual: String?, diff: String? }

    private static func copyImages(of entry: GoldenSuiteReport.Entry, into folder: URL) throws(JobError) -> Images {
        func copied(_ source: URL?, as relative: String) throws(JobError) -> String? {
            guard let source, FileManager.default.fileExists(atPath: source.path) else { return nil }
            try ReportFiles.copy(source, to: folder.appendingPathComponent(relative))
            return relative
        }
        return Images(expected: try copied(entry.expectedFile.map { URL(fileURLWithPath: $0) }, as: "expected/" + entry.path),
                      actual: try copied(entry.actualFile.map { URL(fileURLWithPath: $0) }, as: "actual/" + entry.path),
                      diff: try copied(entry.diffImage.map { URL(fileURLWithPath: $0) }, as: "diff/" + GoldenSuite.diffImageName(of: entry.path)))
    }

    static func label(_ status: GoldenSuiteReport.Entry.Status) -> String {
        switch status {
        case .same: "passed"
        case .different: "failed"
        case .missing: "missing"
        case .unreadable: "unreadable"
        case .sizeMismatch: "size mismatch"
        }
    }

    private static func row(_ entry: GoldenSuiteReport.Entry, index: Int) -> String {
        let cells: [String]
        if let d = entry.difference {
            cells = ["\(d.pixelsAboveTolerance)", "\(d.maxAbsoluteDifference)", String(format: "%.3f", d.meanAbsoluteDifference),
                     d.psnr.isFinite ? String(format: "%.2f", d.psnr) : "∞", String(format: "%.5f", d.ssim)]
        } else {
            cells = ["–", "–", "–", "–", "–"]
        }
        return "<tr class=\"\(entry.status.rawValue)\"><td class=\"status\">\(label(entry.status))</td>"
            + "<td class=\"path\"><a href=\"#pair-\(index)\">\(Markup.escape(entry.path))</a></td>"
            + cells.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
    }

    private static func section(_ entry: GoldenSuiteReport.Entry, index: Int, images: Images) -> String {
        func figure(_ caption: String, _ path: String?) -> String {
            guard let path else { return "<figure class=\"absent\"><div>no \(caption) image</div><figcaption>\(caption)</figcaption></figure>" }
            return "<figure><img src=\"\(Markup.relativeURL(path))\" alt=\"\(caption)\"><figcaption>\(caption)</figcaption></figure>"
        }
        var html = "<section id=\"pair-\(index)\" class=\"\(entry.status.rawValue)\">\n"
        html += "<h2><span class=\"badge\">\(label(entry.status))</span> \(Markup.escape(entry.path))</h2>\n"
        if let d = entry.difference { html += "<p class=\"metrics\">\(Markup.escape(JUnitReport.metricsLine(d)))</p>\n" }
        if let message = entry.message { html += "<p class=\"message\">\(Markup.escape(message))</p>\n" }
        html += "<div class=\"images\">" + figure("expected", images.expected) + figure("actual", images.actual)
        if let diff = images.diff { html += figure("diff", diff) }
        html += "</div>\n"
        if let e = images.expected, let a = images.actual, entry.status != .sizeMismatch {
            html += """
                <div class="compare"><div class="stack"><img src="\(Markup.relativeURL(e))" alt="expected">\
                <img class="top" src="\(Markup.relativeURL(a))" alt="actual"></div>
                <label>expected ◀ <input type="range" min="0" max="100" value="50" class="slider"> ▶ actual</label>
                <label><input type="checkbox" class="blink"> blink</label></div>

                """
        }
        return html + "</section>"
    }

    private static func html(_ report: GoldenSuiteReport, rows: [String], sections: [String]) -> String {
        let counts = [("passed", report.same), ("failed", report.different),
                      ("missing", report.entries.filter { $0.status == .missing }.count),
                      ("size mismatch", report.entries.filter { $0.status == .sizeMismatch }.count),
                      ("unreadable", report.entries.filter { $0.status == .unreadable }.count)]
        let summary = counts.map { "<span>\($1) \($0)</span>" }.joined(separator: " · ")
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Lightbox diff report: \(report.different + report.failed) of \(report.compared) failing</title>
            <style>\(style)</style></head><body>
            <h1>Lightbox diff report</h1>
            <p class="summary">\(report.compared) pairs: \(summary)</p>
            <p class="rule">Pass rule: \(Markup.escape(report.rule)).\(report.ignoredRects > 0 || report.maskFile != nil ? " Ignored regions are left out of every metric." : "")</p>
            <table><thead><tr><th>status</th><th>path</th><th>pixels over tolerance</th><th>max</th><th>mean</th><th>PSNR dB</th><th>SSIM</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody></table>
            \(sections.joined(separator: "\n"))
            <script>\(script)</script>
            </body></html>

            """
    }

    private static let style = """
        body{font:14px system-ui,sans-serif;margin:16px;background:#fafafa;color:#222}
        table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #ccc;padding:3px 8px}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.different td.status,tr.size-mismatch td.status,tr.missing td.status,tr.unreadable td.status{color:#b00;font-weight:bold}
        tr.same td.status{color:#070}
        section{border-top:2px solid #ddd;padding:8px 0}section.same .badge{background:#070}
        .badge{background:#b00;color:#fff;border-radius:4px;padding:1px 6px;font-size:13px}
        .images{display:flex;gap:12px;flex-wrap:wrap}figure{margin:0}figcaption{text-align:center;color:#555}
        img{max-width:360px;min-width:192px;image-rendering:pixelated;border:1px solid #999;background:#fff}
        figure.absent div{width:200px;height:120px;border:1px dashed #b00;display:flex;align-items:center;justify-content:center}
        .compare{margin-top:8px}.stack{position:relative;display:inline-block}.stack img{display:block}
        .stack img.top{position:absolute;left:0;top:0;clip-path:inset(0 0 0 50%)}
        """

    private static let script = """
        document.querySelectorAll('.compare').forEach(function(c){
          var top=c.querySelector('img.top'),slider=c.querySelector('.slider'),blink=c.querySelector('.blink'),timer=null;
          slider.addEventListener('input',function(){top.style.clipPath='inset(0 0 0 '+slider.value+'%)';});
          blink.addEventListener('change',function(){
            if(timer){clearInterval(timer);timer=null;top.style.clipPath='inset(0 0 0 '+slider.value+'%)';return;}
            var on=false;timer=setInterval(function(){on=!on;top.style.clipPath=on?'none':'inset(0 0 0 100%)';},500);
          });
        });
        """
}
