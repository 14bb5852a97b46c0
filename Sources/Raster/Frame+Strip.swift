extension Frame {
    /// rgba8 frames side by side at half size (each 2×2 block averaged), a caption above each, on black: e.g. the
    /// progressive frames of a render with their percentages. Frames of other formats are converted to rgba8.
    public static func strip(_ frames: [Frame], captions: [String], gap: Int = 8) -> Frame {
        let scale = 2
        let captionHeight = BitmapFont.textSize("0", scale: scale).height + 2 * gap
        let halves = frames.map { $0.converted(to: .rgba8).halved() }
        let width = halves.reduce(0) { $0 + $1.width } + gap * (halves.count + 1)
        let height = (halves.map(\.height).max() ?? 0) + captionHeight + gap
        var strip = Frame(width: width, height: height, format: .rgba8)
        for n in 0..<(width * height) { strip.samples8[n * 4 + 3] = 255 }
        var x = gap
        for (n, half) in halves.enumerated() {
            if n < captions.count {
                BitmapFont.draw(captions[n], into: &strip, x: x, y: gap, scale: scale, color: RGBAColor(r: 255, g: 220, b: 0, a: 255))
            }
            for row in 0..<half.height {
                let source = row * half.width * 4, target = ((row + captionHeight) * width + x) * 4
                strip.samples8.replaceSubrange(target..<(target + half.width * 4), with: half.samples8[source..<(source + half.width * 4)])
            }
            x += half.width + gap
        }
        return strip
    }

    /// This rgba8 frame at half its size, each output pixel the mean of a 2×2 block (rounded).
    func halved() -> Frame {
        let w = width / 2, h = height / 2
        var out = Frame(width: w, height: h, format: .rgba8)
        for y in 0..<h {
            for x in 0..<w {
                for c in 0..<4 {
                    let a = Int(samples8[((2 * y) * width + 2 * x) * 4 + c]), b = Int(samples8[((2 * y) * width + 2 * x + 1) * 4 + c])
                    let d = Int(samples8[((2 * y + 1) * width + 2 * x) * 4 + c]), e = Int(samples8[((2 * y + 1) * width + 2 * x + 1) * 4 + c])
                    out.samples8[(y * w + x) * 4 + c] = UInt8((a + b + d + e + 2) / 4)
                }
            }
        }
        return out
    }
}
