/// A tiny built-in 5×7 bitmap font for orientation letters and small labels.
///
/// Covers A–Z (lowercase letters draw as uppercase, except `x`), 0–9, space and
/// `. , - + = / : % ( ) x`; anything else draws as a small box. Each glyph advances
/// 6 columns (5 + 1 gap) times `scale`; lines are 7 × `scale` pixels tall, single line only.
public enum BitmapFont {
    /// Scales outside 1...1024 are clamped (keeps coordinate arithmetic far from overflow).
    private static func clamped(_ scale: Int) -> Int { min(max(1, scale), 1024) }

    /// Width and height in pixels of `text` drawn at `scale` (no trailing gap); scale is clamped to 1...1024.
    public static func textSize(_ text: String, scale: Int) -> (width: Int, height: Int) {
        let scale = clamped(scale)
        let count = text.count
        guard count > 0 else { return (0, 0) }
        let advance = BitmapFontGlyphs.width + 1
        return ((count * advance - 1) * scale, BitmapFontGlyphs.height * scale)
    }

    /// Draws `text` with its top-left corner at (x, y); each lit font pixel becomes a
    /// `scale` × `scale` square of `color` (written, not blended). Clipped to the frame.
    public static func draw(_ text: String, into frame: inout Frame, x: Int, y: Int,
                            scale: Int, color: RGBAColor) {
        let scale = clamped(scale)
        var penX = x
        for character in text {
            let rows = BitmapFontGlyphs.rows(for: character)
            for (row, bits) in rows.enumerated() where bits != 0 {
                for column in 0..<BitmapFontGlyphs.width where bits & (0x10 >> column) != 0 {
                    let rect = PixelRect(x: penX.addingClamped(column * scale),
                                         y: y.addingClamped(row * scale),
                                         width: scale, height: scale)
                    frame.fill(rect, color: color)
                }
            }
            penX = penX.addingClamped((BitmapFontGlyphs.width + 1) * scale)
        }
    }
}
