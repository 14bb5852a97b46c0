import Raster

extension Frame {
    /// A grey rgba8 frame (its red channel is the level) with every pixel replaced by that colormap entry.
    func recoloured(by colormap: Colormap) -> Frame {
        let table = colormap.entries.flatMap { [$0.r, $0.g, $0.b, $0.a] }
        var samples = samples8
        samples.withUnsafeMutableBufferPointer { p in
            for n in stride(from: 0, to: p.count, by: 4) {
                let e = Int(p[n]) * 4
                p[n] = table[e]; p[n + 1] = table[e + 1]; p[n + 2] = table[e + 2]; p[n + 3] = table[e + 3]
            }
        }
        guard format == .rgba8, let frame = try? Frame(width: width, height: height, rgba8: samples) else {
            preconditionFailure("renders are rgba8, width × height × 4 samples")
        }
        return frame
    }
}
