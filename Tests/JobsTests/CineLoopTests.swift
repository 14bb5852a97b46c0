import Foundation
import Jobs
import Phantom
import Raster
import TestSupport
import XCTest

/// A cine loop is N frames turning 360°: the animated PNG holds N frames, each equal to a single render at its
/// angle (and ffmpeg's APNG decoder reads the same frames); an MP4 of N frames is written when ffmpeg is installed.
final class CineLoopTests: XCTestCase {
    static let phantom: PhantomWriter.Output = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-cine-\(UUID().uuidString)")
        do { return try PhantomWriter().write(to: folder) } catch { fatalError("phantom: \(error)") }
    }()

    override class func tearDown() {
        try? FileManager.default.removeItem(at: phantom.ctFolder.deletingLastPathComponent())
        super.tearDown()
    }

    func mip(angle: Double, cine: CineLoop? = nil) -> RenderRequest {
        RenderRequest(inputs: .series(.files([Self.phantom.petFolder.path]), seriesUID: nil), view: .mip, angleDegrees: angle,
                      width: 96, height: 80, orientationLetters: false, cine: cine)
    }

    func single(angle: Double) async throws -> Frame {
        var frame: Frame?
        _ = try await RenderJob(mip(angle: angle)).run(in: LightboxSession()) { drawn in
            frame = drawn.frame
            return nil
        }
        return try XCTUnwrap(frame)
    }

    func testEachFrameOfTheAnimatedPNGIsTheRenderAtItsAngle() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lightbox-cine-out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let apng = folder.appendingPathComponent("turn.png"), mp4 = folder.appendingPathComponent("turn.mp4")
        let loop = CineLoop(frames: 6)
        let ffmpeg = VideoWriter.findFFmpeg()
        let writer = try CineWriter(loop: loop, framesPerSecond: 12, apng: apng, mp4: mp4, ffmpeg: ffmpeg)
        var indices: [Int] = []
        let report = try await RenderJob(mip(angle: 10, cine: loop)).run(in: LightboxSession()) { drawn in
            indices.append(try XCTUnwrap(drawn.cineFrame))
            try writer.add(drawn.frame)
            return nil
        }
        let written = try writer.finish()
        XCTAssertEqual(indices, Array(0..<6))
        XCTAssertEqual(report.frames.compactMap(\.cineFrame), Array(0..<6))

        let frames = try APNGReader.frames(of: Data(contentsOf: apng), name: apng.path)
        XCTAssertEqual(frames.count, 6)
        for (index, frame) in frames.enumerated() {
            let angle = loop.angle(ofFrame: index, from: 10)
            let alone = try await single(angle: angle)
            XCTAssertEqual(frame, alone, "frame \(index) at \(angle)°")
        }
        XCTAssertNotEqual(frames[0], frames[1], "the view turns")

        guard let ffmpeg else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("ffmpeg is missing (Debian package ffmpeg); run `make deps`") }
            print("CineLoopTests: ffmpeg is not installed, so no MP4 was written or checked")
            return
        }
        XCTAssertEqual(written, [apng.path, mp4.path])
        // An independent APNG decoder: ffmpeg's frames are our frames, byte for byte.
        let raw = folder.appendingPathComponent("frames.rgba")
        let decoded = try ExternalTool.run(ffmpeg, ["-v", "error", "-f", "apng", "-i", apng.path, "-f", "rawvideo", "-pix_fmt", "rgba", raw.path])
        XCTAssertEqual(decoded.status, 0, decoded.stderr)
        XCTAssertEqual(try Data(contentsOf: raw), Data(frames.flatMap { $0.converted(to: .rgba8).samples8 }))
        let probe = ffmpeg.deletingLastPathComponent().appendingPathComponent("ffprobe")
        let output = try ExternalTool.run(probe, ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                                                  "stream=codec_name,nb_read_frames,width,height", "-of", "csv=p=0", mp4.path])
        XCTAssertEqual(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "h264,96,80,6", output.stderr)
    }

    func testViewsThatDoNotTurnAreRefused() async throws {
        var request = mip(angle: 0, cine: CineLoop(frames: 4))
        request.view = .mpr(.axial)
        do {
            _ = try await RenderJob(request).run(in: LightboxSession()) { _ in nil }
            XCTFail("an axial MPR has no cine loop")
        } catch let error as JobError {
            XCTAssertTrue(error.description.contains("does not rotate"), error.description)
        }
    }
}
