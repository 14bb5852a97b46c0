import Foundation
import Raster

/// A golden suite run as JUnit XML, the test report format CI systems read: one testcase per pair; a pair that
/// differs is a `failure` carrying its metrics, one that could not be compared (missing, unreadable, another size)
/// an `error`.
public enum JUnitReport {
    /// The XML document.
    public static func xml(_ report: GoldenSuiteReport, suiteName: String = "lightbox diff") -> String {
        let name = Markup.escape(suiteName)
        let counts = "tests=\"\(report.compared)\" failures=\"\(report.different)\" errors=\"\(report.failed)\""
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="\(name)" \(counts)>
              <testsuite name="\(name)" \(counts) skipped="0">
                <properties>
                  <property name="tolerance" value="\(report.tolerance)"/>
                  <property name="rule" value="\(Markup.escape(report.rule))"/>
                </properties>

            """
        for entry in report.entries {
            let testcase = "    <testcase classname=\"\(name)\" name=\"\(Markup.escape(entry.path))\""
            switch entry.status {
            case .same:
                xml += testcase + "/>\n"
            case .different:
                let metrics = entry.difference.map(metricsLine) ?? ""
                xml += testcase + ">\n      <failure type=\"different\" message=\"\(Markup.escape(metrics))\">"
                xml += Markup.escape(metrics + (entry.diffImage.map { "\ndiff image: \($0)" } ?? "")) + "</failure>\n    </testcase>\n"
            case .missing, .unreadable, .sizeMismatch:
                let message = Markup.escape(entry.message ?? entry.status.rawValue)
                xml += testcase + ">\n      <error type=\"\(entry.status.rawValue)\" message=\"\(message)\">\(message)</error>\n    </testcase>\n"
            }
        }
        return xml + "  </testsuite>\n</testsuites>\n"
    }

    /// Writes the XML to `url` (atomically, creating the folder).
    public static func write(_ report: GoldenSuiteReport, to url: URL) throws(JobError) {
        try ReportFiles.write(Data(xml(report).utf8), to: url)
    }

    /// The metrics of one pair in one line.
    static func metricsLine(_ d: ImageDifference) -> String {
        "\(d.pixelsAboveTolerance) pixels above tolerance \(d.tolerance) (\(String(format: "%.4f", d.fractionAboveTolerance * 100)) %), "
            + "max \(d.maxAbsoluteDifference), mean \(String(format: "%.3f", d.meanAbsoluteDifference)), "
            + "PSNR \(d.psnr.isFinite ? String(format: "%.2f dB", d.psnr) : "inf"), SSIM \(String(format: "%.5f", d.ssim))"
            + (d.ignoredPixels > 0 ? ", \(d.ignoredPixels) pixels ignored" : "")
    }
}
