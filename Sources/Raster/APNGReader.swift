import Foundation

/// Reads the frames of an animated PNG whose frames each cover the whole image (as `APNGWriter` writes them): every
/// frame is rebuilt as a plain PNG (IHDR, its IDAT or fdAT data, IEND) and decoded by libpng. A stream without acTL
/// is one frame; frames at an offset or of another size are refused.
public enum APNGReader {
    /// The decoded frames in order; `name` (usually the path) is used in errors.
    public static func frames(of data: Data, name: String) throws(RasterError) -> [Frame] {
        let chunks = try PNGChunks.chunks(of: data, name: name)
        guard let ihdr = chunks.first(where: { $0.type == "IHDR" })?.body, ihdr.count == 13 else {
            throw .corrupt(name: name, detail: "no IHDR")
        }
        guard chunks.contains(where: { $0.type == "acTL" }) else { return [try PNGCodec.decode(data, name: name)] }
        var parts: [Data] = []
        var current: Data?
        for chunk in chunks {
            switch chunk.type {
            case "fcTL":
                guard chunk.body.count == 26 else { throw .corrupt(name: name, detail: "fcTL of \(chunk.body.count) bytes") }
                let b = [UInt8](chunk.body)
                guard b[4..<12].elementsEqual(ihdr.prefix(8)), b[12..<20].allSatisfy({ $0 == 0 }) else {
                    throw .corrupt(name: name, detail: "frame \(parts.count + (current == nil ? 0 : 1)) does not cover the whole image")
                }
                if let current { parts.append(current) }
                current = Data()
            case "IDAT":
                current?.append(chunk.body)
            case "fdAT":
                guard chunk.body.count >= 4 else { throw .corrupt(name: name, detail: "fdAT of \(chunk.body.count) bytes") }
                current?.append(chunk.body.dropFirst(4))
            default:
                continue
            }
        }
        if let current { parts.append(current) }
        var frames: [Frame] = []
        for (index, part) in parts.enumerated() {
            var png = Data(PNGChunks.signature)
            PNGChunks.append("IHDR", ihdr, to: &png)
            PNGChunks.append("IDAT", part, to: &png)
            PNGChunks.append("IEND", Data(), to: &png)
            frames.append(try PNGCodec.decode(png, name: "\(name) frame \(index)"))
        }
        return frames
    }
}
