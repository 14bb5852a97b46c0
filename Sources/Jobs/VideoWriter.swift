import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Raster

/// Encodes frames to an H.264 MP4 through `ffmpeg`, piping each frame to it as raw RGBA as it comes (no frame is
/// kept). The file is written beside the target and renamed into place when ffmpeg succeeds. SIGPIPE is ignored
/// by the process from the first writer on, so an ffmpeg that dies is an error here, not the end of the process.
public final class VideoWriter {
    public let url: URL
    private let process = Process()
    private let input = Pipe()
    private let temporary: URL
    private let errors: URL
    private let width: Int, height: Int

    /// `ffmpeg` on PATH, or nil.
    public static func findFFmpeg() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("ffmpeg") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Starts ffmpeg for a `width` × `height` video at `framesPerSecond`.
    public init(ffmpeg: URL, url: URL, width: Int, height: Int, framesPerSecond: Int) throws(JobError) {
        signal(SIGPIPE, SIG_IGN)
        self.url = url
        self.width = width
        self.height = height
        let folder = url.deletingLastPathComponent()
        temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        errors = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-ffmpeg-\(UUID().uuidString).log")
        process.executableURL = ffmpeg
        // yuv420p (what players expect) needs even sizes: odd ones get one padding row or column.
        process.arguments = ["-nostdin", "-v", "error", "-f", "rawvideo", "-pix_fmt", "rgba", "-s", "\(width)x\(height)",
                             "-r", "\(framesPerSecond)", "-i", "-", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264",
                             "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4", "-y", temporary.path]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
        } catch {
            throw .badInput("cannot start \(ffmpeg.path) for \(url.path): \(error.localizedDescription)")
        }
    }

    /// Sends the next frame (converted to rgba8; it must have the video's size).
    public func add(_ frame: Frame) throws(JobError) {
        guard frame.width == width, frame.height == height else {
            throw .badInput("\(url.path): a \(frame.width)×\(frame.height) frame in a \(width)×\(height) video")
        }
        do { try input.fileHandleForWriting.write(contentsOf: frame.converted(to: .rgba8).samples8) } catch {
            throw .renderFailed("ffmpeg stopped while writing \(url.path): \(finishMessage())")
        }
    }

    /// Ends the stream, waits for ffmpeg and puts the file in place.
    public func finish() throws(JobError) {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: errors) }
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw .renderFailed("ffmpeg could not write \(url.path): \(finishMessage())")
        }
        guard rename(temporary.path, url.path) == 0 else {
            throw .badInput("cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    private func finishMessage() -> String {
        let text = (try? String(contentsOf: errors, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.isEmpty ? "exit status \(process.isRunning ? 0 : process.terminationStatus)" : String(text.suffix(500))
    }
}
