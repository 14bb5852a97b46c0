extension Frame {
    /// The frame upside down (OpenGL readback delivers the bottom row first).
    public func flippedVertically() -> Frame {
        var result = self
        let rowLength = width * format.channels
        guard rowLength > 0 else { return result }
        if format == .gray16 {
            for y in 0..<height {
                let src = (height - 1 - y) * rowLength
                result.samples16.replaceSubrange(y * rowLength..<(y + 1) * rowLength,
                                                 with: samples16[src..<src + rowLength])
            }
        } else {
            for y in 0..<height {
                let src = (height - 1 - y) * rowLength
                result.samples8.replaceSubrange(y * rowLength..<(y + 1) * rowLength,
                                                with: samples8[src..<src + rowLength])
            }
        }
        return result
    }

    /// Copies `frame` with its top-left corner at (x, y), converting it to this frame's format
    /// and clipping whatever falls outside. Pixels are replaced, not alpha-blended.
    public mutating func blit(_ frame: Frame, atX x: Int, y: Int) {
        let source = frame.converted(to: format)
        let target = PixelRect(x: x, y: y, width: source.width, height: source.height)
            .clipped(toWidth: width, height: height)
        guard target.width > 0, target.height > 0 else { return }
        let channels = format.channels
        let run = target.width * channels
        for row in 0..<target.height {
            let sy = target.y + row - y, sx = target.x - x
            let src = (sy * source.width + sx) * channels
            let dst = ((target.y + row) * width + target.x) * channels
            if format == .gray16 {
                samples16.replaceSubrange(dst..<dst + run, with: source.samples16[src..<src + run])
            } else {
                samples8.replaceSubrange(dst..<dst + run, with: source.samples8[src..<src + run])
            }
        }
    }

    /// Paints `rect` (clipped to the frame) with `color`. Gray frames receive the colour's
    /// luminance (scaled ×257 for gray16); alpha is written as-is, not blended.
    public mutating func fill(_ rect: PixelRect, color: RGBAColor) {
        let area = rect.clipped(toWidth: width, height: height)
        guard area.width > 0, area.height > 0 else { return }
        let gray = Frame.luminance(color.r, color.g, color.b)
        for y in area.y..<area.y + area.height {
            let start = y * width + area.x
            switch format {
            case .gray8:
                for i in start..<start + area.width { samples8[i] = gray }
            case .gray16:
                for i in start..<start + area.width { samples16[i] = UInt16(gray) &* 257 }
            case .rgba8:
                for i in start..<start + area.width {
                    samples8[4 * i] = color.r
                    samples8[4 * i + 1] = color.g
                    samples8[4 * i + 2] = color.b
                    samples8[4 * i + 3] = color.a
                }
            }
        }
    }
}
