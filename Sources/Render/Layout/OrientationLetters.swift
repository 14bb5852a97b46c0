import Raster
import Volume

/// Draws the patient-direction letters (R/L/A/P/S/I) at the middle of each edge of a viewport:
/// right edge `letter(right)`, left edge `letter(−right)`, top `letter(up)`, bottom `letter(−up)`.
enum OrientationLetters {
    static let colour: RGBAColor = (255, 210, 0, 255)
    static let shadow: RGBAColor = (0, 0, 0, 255)
    static let margin = 3

    /// The four letters of a plane: (left, right, top, bottom).
    static func letters(of plane: PlaneSpec) -> (left: String, right: String, top: String, bottom: String) {
        (AnatomicalOrientation.letter(-plane.right), AnatomicalOrientation.letter(plane.right),
         AnatomicalOrientation.letter(plane.up), AnatomicalOrientation.letter(-plane.up))
    }

    static func draw(_ plane: PlaneSpec, in rect: PixelRect, into frame: inout Frame) {
        let scale = min(rect.width, rect.height) >= 384 ? 2 : 1
        let l = letters(of: plane)
        let size = BitmapFont.textSize("M", scale: scale)
        let midX = rect.x + (rect.width - size.width) / 2, midY = rect.y + (rect.height - size.height) / 2
        let spots = [
            (l.left, rect.x + margin, midY), (l.right, rect.x + rect.width - margin - size.width, midY),
            (l.top, midX, rect.y + margin), (l.bottom, midX, rect.y + rect.height - margin - size.height),
        ]
        for (letter, x, y) in spots { Annotation.text(letter, x: x, y: y, scale: scale, colour: colour, into: &frame) }
    }
}

/// Small text with a one-pixel dark shadow so it reads on any background.
enum Annotation {
    static func text(_ text: String, x: Int, y: Int, scale: Int, colour: RGBAColor, into frame: inout Frame) {
        BitmapFont.draw(text, into: &frame, x: x + 1, y: y + 1, scale: scale, color: OrientationLetters.shadow)
        BitmapFont.draw(text, into: &frame, x: x, y: y, scale: scale, color: colour)
    }
}
