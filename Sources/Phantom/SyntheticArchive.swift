import DICOM
import Foundation

/// Small synthetic series for tests and benchmarks of whole-archive jobs (thumbnails, scanning):
/// many tiny CT-like series in nested folders, optionally with broken files among them.
public struct SyntheticArchive: Sendable {
    public var seriesCount: Int
    public var slicesPerSeries: Int
    public var rows: Int
    public var columns: Int
    /// Every n-th series gets one truncated file (0: none).
    public var brokenEvery: Int

    public init(seriesCount: Int, slicesPerSeries: Int = 5, rows: Int = 32, columns: Int = 32, brokenEvery: Int = 0) {
        self.seriesCount = seriesCount
        self.slicesPerSeries = slicesPerSeries
        self.rows = rows
        self.columns = columns
        self.brokenEvery = brokenEvery
    }

    /// The SeriesInstanceUID of series `n`.
    public static func seriesUID(_ n: Int) -> String { "\(PhantomWriter.UID.root).9.\(n + 1)" }

    /// One axial CT slice of series `series`: a bright disc whose size depends on the slice, on a body-like background.
    public static func slice(
        _ k: Int, series: String, rows: Int = 32, columns: Int = 32, edit: (inout DataSet) -> Void = { _ in }
    ) -> DataSet {
        var ds = DataSet()
        ds.set(.sopClassUID, .UI, PhantomWriter.UID.ctImageStorage)
        ds.set(.sopInstanceUID, .UI, "\(series).\(k + 1)")
        ds.set(.studyInstanceUID, .UI, series + ".0")
        ds.set(.modality, .CS, "CT")
        ds.set(.seriesInstanceUID, .UI, series)
        ds.set(.frameOfReferenceUID, .UI, series + ".99")
        ds.set(.patientID, .LO, "SYNTHETIC")
        ds.set(.instanceNumber, .IS, k + 1)
        ds.set(.imagePositionPatient, .DS, [-10.0, -12, Double(k) * 2.5])
        ds.set(.imageOrientationPatient, .DS, [1.0, 0, 0, 0, 1, 0])
        ds.set(.pixelSpacing, .DS, [0.5, 0.5])
        ds.set(.samplesPerPixel, .US, 1)
        ds.set(.photometricInterpretation, .CS, "MONOCHROME2")
        ds.set(.rows, .US, rows)
        ds.set(.columns, .US, columns)
        ds.set(.bitsAllocated, .US, 16)
        ds.set(.bitsStored, .US, 16)
        ds.set(.highBit, .US, 15)
        ds.set(.pixelRepresentation, .US, 1)
        ds.set(.rescaleSlope, .DS, 1)
        ds.set(.rescaleIntercept, .DS, -1024)
        let radius = Double(min(rows, columns)) * (0.2 + 0.03 * Double(k % 5))
        var pixels = [Int16](repeating: 1044, count: rows * columns)
        for j in 0..<rows {
            for i in 0..<columns {
                let dx = Double(i) - Double(columns) / 2, dy = Double(j) - Double(rows) / 2
                if dx * dx + dy * dy < radius * radius { pixels[j * columns + i] = 1724 }
            }
        }
        ds.setPixels(pixels)
        edit(&ds)
        return ds
    }

    /// Writes the archive below `folder` as study folders holding series folders; returns the broken files.
    @discardableResult
    public func write(to folder: URL) throws -> [URL] {
        var broken: [URL] = []
        for n in 0..<seriesCount {
            let uid = Self.seriesUID(n)
            let dir = folder.appendingPathComponent(String(format: "study%03d/series%05d", n / 10, n))
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for k in 0..<slicesPerSeries {
                let url = dir.appendingPathComponent(String(format: "IM%04d.dcm", k))
                var data = try DICOMWriter().encode(Self.slice(k, series: uid, rows: rows, columns: columns))
                if brokenEvery > 0, n % brokenEvery == brokenEvery - 1, k == 0 {
                    data = data.prefix(200)  // cut inside the header: unreadable
                    broken.append(url)
                }
                try data.write(to: url)
            }
        }
        try Data("not an image\n".utf8).write(to: folder.appendingPathComponent("README.txt"))
        return broken
    }
}
