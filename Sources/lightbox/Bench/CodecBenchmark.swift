import DICOM
import Foundation

/// `lightbox bench codecs DIR`: every compressed frame decoded by Lightbox's decoder for its syntax, and JPEG-LS
/// frames by CharLS too, the same frames in the same run (frames held in memory, so no I/O is timed).
struct CodecBenchmark {
    struct Row: Encodable {
        var syntax: String
        var decoder: String
        var frames: Int
        var megapixels: Double
        var seconds: Double
        var megapixelsPerSecond: Double
        /// This decoder's median over the peer's (CharLS) on the same frames; nil without a peer.
        var overPeer: Double?
    }

    struct Result: Encodable {
        var runs: Int
        var machine: String
        var rows: [Row]
    }

    private struct Frame {
        let data: Data
        let description: PixelDescription
    }

    var files: [URL]
    var runs: Int

    func run() throws -> Result {
        var bySyntax = [TransferSyntax: [Frame]]()
        for url in files {
            guard let file = try? DICOMFile.read(contentsOf: url), file.transferSyntax.isCompressed,
                  var d = try? file.pixelDescription() else { continue }
            let frames = d.numberOfFrames
            d.numberOfFrames = 1
            for index in 0..<frames {
                guard let data = try? file.encapsulatedFrame(index) else { continue }
                bySyntax[file.transferSyntax, default: []].append(Frame(data: data, description: d))
            }
        }
        var rows = [Row]()
        for (syntax, frames) in bySyntax.sorted(by: { $0.key.uid < $1.key.uid }) {
            guard let decoder = FrameDecoders.decoder(for: syntax) else { continue }
            let ours = try time(frames) { frame, buffer throws(DICOMError) in
                try decoder.decode(frame.data, description: frame.description, frameIndex: 0, fileName: "bench", into: buffer)
            }
            var peer: Double?
            if [TransferSyntax.jpegLSLossless, .jpegLSNearLossless].contains(syntax) {
                peer = try time(frames) { frame, buffer throws(DICOMError) in
                    try CharLSReference.decode(frame.data, description: frame.description, into: buffer)
                }
                rows.append(row(syntax, CharLSReference.codecName, frames, peer!, nil))
            }
            rows.append(row(syntax, decoder.codecName, frames, ours, peer.map { ours / $0 }))
        }
        return Result(runs: runs, machine: BenchSupport.machine, rows: rows)
    }

    private func row(_ syntax: TransferSyntax, _ name: String, _ frames: [Frame], _ seconds: Double, _ ratio: Double?) -> Row {
        let megapixels = Double(frames.reduce(0) { $0 + $1.description.rows * $1.description.columns }) / 1e6
        return Row(syntax: syntax.name, decoder: name, frames: frames.count, megapixels: megapixels, seconds: seconds,
                   megapixelsPerSecond: megapixels / seconds, overPeer: ratio)
    }

    /// The median over `runs` of decoding every frame once (after one warm-up pass).
    private func time(_ frames: [Frame],
                      _ decode: (Frame, UnsafeMutableRawBufferPointer) throws(DICOMError) -> Void) throws -> Double {
        let largest = frames.map(\.description.decodedBytesPerFrame).max() ?? 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, largest), alignment: 16)
        defer { buffer.deallocate() }
        for frame in frames { try decode(frame, buffer) }
        var seconds = [Double]()
        for _ in 0..<runs {
            seconds.append(try BenchSupport.time { for frame in frames { try decode(frame, buffer) } })
        }
        return BenchSupport.median(seconds)
    }

    static func printTable(_ r: Result) {
        print("codec benchmark: median of \(r.runs) runs, frames in memory")
        print("  machine        \(r.machine)")
        for row in r.rows {
            let ratio = row.overPeer.map { String(format: "   %.2f× CharLS", $0) } ?? ""
            let names = row.syntax.padding(toLength: 22, withPad: " ", startingAt: 0) + " "
                + row.decoder.padding(toLength: 18, withPad: " ", startingAt: 0)
            print("  " + names + String(format: " %5d frames %8.2f MP %9.2f ms %8.1f MP/s", row.frames, row.megapixels,
                                        row.seconds * 1000, row.megapixelsPerSecond) + ratio)
        }
    }
}
