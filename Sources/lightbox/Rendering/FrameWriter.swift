import Foundation
import Raster

/// Writes frames to the output path (and its progressive siblings), never overwriting without `force`.
struct FrameWriter {
    var output: URL
    var format: ImageFile.Format
    var quality: Int
    var force: Bool

    /// The path of the progressive frame after `percent`% of slices: OUT-025.png.
    func progressiveURL(percent: Int) -> URL {
        let base = output.deletingPathExtension()
        return base.deletingLastPathComponent().appendingPathComponent(String(format: "%@-%03d", base.lastPathComponent, percent))
            .appendingPathExtension(output.pathExtension.isEmpty ? format.fileExtension : output.pathExtension)
    }

    /// Refuses to start when the output exists and `force` is off.
    func checkWritable() throws {
        if !force, FileManager.default.fileExists(atPath: output.path) {
            throw CommandError.badInput("\(output.path) exists; pass --force to overwrite it")
        }
    }

    /// Writes atomically (temporary file, then rename), creating the folder.
    func write(_ frame: Frame, to url: URL) throws {
        do { try ImageFile.write(frame, to: url, format: format, quality: quality) } catch {
            throw CommandError(message: error.description, status: .badUsage)
        }
    }
}
