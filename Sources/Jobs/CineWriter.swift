import Foundation
import Raster

/// Writes the frames of a cine loop as they are drawn: an animated PNG always, and an H.264 MP4 when `ffmpeg` is
/// given (see `VideoWriter`; it starts with the first frame, whose size it takes).
public final class CineWriter {
    private let png: APNGWriter
    private let mp4: (url: URL, ffmpeg: URL)?
    private let framesPerSecond: Int
    private var video: VideoWriter?

    public init(loop: CineLoop, framesPerSecond: Int, apng: URL, mp4: URL?, ffmpeg: URL?) throws(JobError) {
        do { png = try APNGWriter(url: apng, frameCount: loop.frames, framesPerSecond: framesPerSecond) } catch {
            throw .badInput(error.description)
        }
        if let mp4, let ffmpeg { self.mp4 = (mp4, ffmpeg) } else { self.mp4 = nil }
        self.framesPerSecond = framesPerSecond
    }

    /// Encodes the next frame of the loop.
    public func add(_ frame: Frame) throws(JobError) {
        do { try png.add(frame) } catch { throw .renderFailed(error.description) }
        if let mp4, video == nil {
            video = try VideoWriter(ffmpeg: mp4.ffmpeg, url: mp4.url, width: frame.width, height: frame.height, framesPerSecond: framesPerSecond)
        }
        try video?.add(frame)
    }

    /// Completes the files; returns their paths.
    public func finish() throws(JobError) -> [String] {
        do { try png.finish() } catch { throw .renderFailed(error.description) }
        try video?.finish()
        return [png.url.path] + (video.map { [$0.url.path] } ?? [])
    }
}
