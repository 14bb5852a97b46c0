import Foundation

/// Writes an animated PNG (APNG) frame by frame, as frames are drawn: each frame is compressed by libpng (the
/// simplified writer), and its IDAT data is wrapped in the APNG chunks libpng itself does not write (Debian's
/// libpng16 carries no APNG patch): acTL after IHDR, an fcTL before each frame, IDAT for frame 0 and fdAT after it.
/// Viewers without APNG support show frame 0. The file appears complete, by rename, when `finish` is called.
public final class APNGWriter {
    public let url: URL
    public let frameCount: Int
    public private(set) var framesWritten = 0
    private let delay: (numerator: UInt16, denominator: UInt16)
    private var data = Data()
    private var sequence: UInt32 = 0
    private var header: Data?

    /// A loop of `frameCount` frames shown `framesPerSecond` a second, repeated forever.
    public init(url: URL, frameCount: Int, framesPerSecond: Int) throws(RasterError) {
        guard frameCount > 0, frameCount <= Int(UInt32.max), (1...1000).contains(framesPerSecond) else {
            throw .encodingFailed(format: "APNG", detail: "\(frameCount) frames at \(framesPerSecond) frames/s is no animation")
        }
        self.url = url
        self.frameCount = frameCount
        delay = (1, UInt16(framesPerSecond))
    }

    /// Appends the next frame; every frame must have the size and format of the first.
    public func add(_ frame: Frame) throws(RasterError) {
        guard framesWritten < frameCount else {
            throw .encodingFailed(format: "APNG", detail: "all \(frameCount) frames are written already")
        }
        let png = try PNGCodec.encode(frame)
        let chunks = try PNGChunks.chunks(of: png, name: url.relativePath)
        guard let ihdr = chunks.first(where: { $0.type == "IHDR" })?.body else {
            throw .encodingFailed(format: "APNG", detail: "libpng wrote no IHDR")
        }
        if let header {
            guard header == ihdr else {
                throw .encodingFailed(format: "APNG", detail: "frame \(framesWritten) is \(frame.width)×\(frame.height) \(frame.format), unlike frame 0")
            }
        } else {
            header = ihdr
            data.append(contentsOf: PNGChunks.signature)
            appendChunk("IHDR", ihdr)
            appendChunk("acTL", Self.be32(UInt32(frameCount)) + Self.be32(0))
        }
        var control = Self.be32(sequence) + Self.be32(UInt32(frame.width)) + Self.be32(UInt32(frame.height))
        control += Self.be32(0) + Self.be32(0)                                  // x, y offset
        control += Self.be16(delay.numerator) + Self.be16(delay.denominator)
        control += Data([0, 0])                                                  // dispose none, blend source
        appendChunk("fcTL", control)
        sequence += 1
        for chunk in chunks where chunk.type == "IDAT" {
            if framesWritten == 0 {
                appendChunk("IDAT", chunk.body)
            } else {
                appendChunk("fdAT", Self.be32(sequence) + chunk.body)
                sequence += 1
            }
        }
        framesWritten += 1
    }

    /// Writes IEND and puts the file in place (atomically); fails when frames are missing.
    public func finish() throws(RasterError) {
        guard framesWritten == frameCount else {
            throw .encodingFailed(format: "APNG", detail: "\(framesWritten) of \(frameCount) frames were written")
        }
        appendChunk("IEND", Data())
        try FileIO.writeAtomically(data, to: url)
    }

    private func appendChunk(_ type: String, _ body: Data) { PNGChunks.append(type, body, to: &data) }

    static func be32(_ v: UInt32) -> Data { Data([UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]) }
    static func be16(_ v: UInt16) -> Data { Data([UInt8(v >> 8), UInt8(v & 0xFF)]) }
}
